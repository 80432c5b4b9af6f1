#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key2 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key2) && key2 !== except)
        __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports2) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports2.Argument = Argument2;
    exports2.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports2) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command2) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command2))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str2) {
        return stripColor(str2).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str2) {
        return str2;
      }
      styleUsage(str2) {
        return str2.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleOptionDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleSubcommandDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleArgumentDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleDescriptionText(str2) {
        return str2;
      }
      styleOptionTerm(str2) {
        return this.styleOptionText(str2);
      }
      styleSubcommandTerm(str2) {
        return str2.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str2) {
        return this.styleArgumentText(str2);
      }
      styleOptionText(str2) {
        return str2;
      }
      styleArgumentText(str2) {
        return str2;
      }
      styleSubcommandText(str2) {
        return str2;
      }
      styleCommandText(str2) {
        return str2;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str2) {
        return /\n[^\S\r\n]/.test(str2);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str2, width) {
        if (width < this.minWidthToWrap) return str2;
        const rawLines = str2.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str2) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str2.replace(sgrPattern, "");
    }
    exports2.Help = Help2;
    exports2.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key2) => {
          if (this.positiveOptions.has(key2)) {
            this.dualOptions.add(key2);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str2) {
      return str2.split("-").reduce((str3, word) => {
        return str3 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports2.Option = Option2;
    exports2.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports2) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports2.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports2) {
    var EventEmitter = require("node:events").EventEmitter;
    var childProcess = require("node:child_process");
    var path2 = require("node:path");
    var fs = require("node:fs");
    var process2 = require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str2) => process2.stdout.write(str2),
          writeErr: (str2) => process2.stderr.write(str2),
          outputError: (str2, write) => write(str2),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str2) => stripColor(str2)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command2 = this; command2; command2 = command2.parent) {
          result.push(command2);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command2) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command2).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command2).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command2);
        this.commands.push(command2);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key2) {
        if (this._storeOptionsAsProperties) {
          return this[key2];
        }
        return this._optionValues[key2];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key2, value) {
        return this.setOptionValueWithSource(key2, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key2, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key2] = value;
        } else {
          this._optionValues[key2] = value;
        }
        this._optionValueSources[key2] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key2) {
        return this._optionValueSources[key2];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key2) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key2) !== void 0) {
            source = cmd.getOptionValueSource(key2);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path2.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path2.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path2.resolve(
            path2.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path2.basename(
              this._scriptPath,
              path2.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path2.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key2 = this.options[i].attributeName();
            result[key2] = key2 === this._versionOptionName ? this._version : this[key2];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command2 = this;
          do {
            const moreFlags = command2.createHelp().visibleOptions(command2).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command2 = command2.parent;
          } while (command2 && !command2._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command2) => {
            candidateNames.push(command2.name());
            if (command2.alias()) candidateNames.push(command2.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str2, flags, description) {
        if (str2 === void 0) return this._version;
        this._version = str2;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str2}
`);
          this._exit(0, "commander.version", str2);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str2, argsDescription) {
        if (str2 === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str2;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str2) {
        if (str2 === void 0) return this._summary;
        this._summary = str2;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command2 = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command2 = this.commands[this.commands.length - 1];
        }
        if (alias === command2._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command2._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str2) {
        if (str2 === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str2;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str2) {
        if (str2 === void 0) return this._name;
        this._name = str2;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path2.basename(filename, path2.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path3) {
        if (path3 === void 0) return this._executableDir;
        this._executableDir = path3;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text2 = helper.formatHelp(this, helper);
        if (context.hasColors) return text2;
        return this._outputConfiguration.stripColor(text2);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str2) => this._outputConfiguration.writeErr(str2);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str2) => this._outputConfiguration.writeOut(str2);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str2) => {
          if (!hasColors) str2 = this._outputConfiguration.stripColor(str2);
          return baseWrite(str2);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command2) => command2.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command2) => command2.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text2) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text2 === "function") {
            helpStr = text2({ error: context.error, command: context.command });
          } else {
            helpStr = text2;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports2.Command = Command2;
    exports2.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports2) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports2.program = new Command2();
    exports2.createCommand = (name) => new Command2(name);
    exports2.createOption = (flags, description) => new Option2(flags, description);
    exports2.createArgument = (name, description) => new Argument2(name, description);
    exports2.Command = Command2;
    exports2.Option = Option2;
    exports2.Argument = Argument2;
    exports2.Help = Help2;
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
    exports2.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/esm.mjs
var import_index, program, createCommand, createArgument, createOption, CommanderError, InvalidArgumentError, InvalidOptionArgumentError, Command, Argument, Option, Help;
var init_esm = __esm({
  "node_modules/commander/esm.mjs"() {
    import_index = __toESM(require_commander(), 1);
    ({
      program,
      createCommand,
      createArgument,
      createOption,
      CommanderError,
      InvalidArgumentError,
      InvalidOptionArgumentError,
      Command: (
        // deprecated old name
        Command
      ),
      Argument,
      Option,
      Help
    } = import_index.default);
  }
});

// dist/src/errors.js
var errors_exports = {};
__export(errors_exports, {
  ERROR_CODES: () => ERROR_CODES,
  SignetError: () => SignetError,
  isSignetError: () => isSignetError
});
function isSignetError(e, code) {
  return e instanceof SignetError && (code === void 0 || e.code === code);
}
var ERROR_CODES, SignetError;
var init_errors = __esm({
  "dist/src/errors.js"() {
    "use strict";
    ERROR_CODES = {
      // Merkle tree and proofs
      HASH_SIZE_INVALID: "format",
      INDEX_OUT_OF_RANGE: "usage",
      INCLUSION_PROOF_INVALID: "verification",
      CONSISTENCY_PROOF_INVALID: "verification",
      // Tiles and bundles
      TILE_PATH_INVALID: "format",
      TILE_MISSING: "unavailable",
      TILE_ALTERED: "verification",
      BUNDLE_TRUNCATED: "verification",
      BUNDLE_MALFORMED: "verification",
      ENTRY_ALTERED: "verification",
      ENTRY_TOO_LARGE: "format",
      ROOT_MISMATCH: "verification",
      // Checkpoints and witnesses
      CHECKPOINT_MALFORMED: "format",
      CHECKPOINT_NOT_SIGNED: "verification",
      CHECKPOINT_SIGNATURE_INVALID: "verification",
      CHECKPOINT_ORIGIN_MISMATCH: "verification",
      CHECKPOINT_ROLLBACK: "verification",
      CHECKPOINT_FORK: "verification",
      COSIGNATURE_MISSING: "verification",
      COSIGNATURE_INVALID: "verification",
      // Signed notes
      NOTE_MALFORMED: "format",
      NOTE_SIGNATURE_INVALID: "verification",
      NOTE_UNVERIFIED: "verification",
      VERIFIER_KEY_INVALID: "usage",
      SIGNER_KEY_INVALID: "usage",
      // Keys, DSSE, canonical JSON
      KEY_INVALID: "format",
      SIGNATURE_INVALID: "verification",
      DSSE_MALFORMED: "format",
      DSSE_THRESHOLD_NOT_MET: "verification",
      CANONICAL_JSON_INVALID: "format",
      // Secret key files
      KEYFILE_MALFORMED: "usage",
      KEYFILE_PASSPHRASE_WRONG: "usage",
      KEYFILE_EXISTS: "usage",
      PASSPHRASE_UNAVAILABLE: "usage",
      // The log server
      ENTRY_NOT_JSON: "format",
      STORAGE_FAILED: "unavailable",
      LOG_CORRUPT: "verification",
      LOG_OVERLOADED: "unavailable",
      LOG_LOCKED: "usage",
      NOT_WRITABLE: "usage",
      MIRROR_STOPPED: "verification",
      // The ledger: entries and statements (docs/PROTOCOL.md)
      ENTRY_NOT_CANONICAL: "format",
      PAYLOAD_NOT_CANONICAL: "format",
      PAYLOAD_TYPE_UNKNOWN: "format",
      STATEMENT_INVALID: "format",
      NAME_INVALID: "format",
      VERSION_INVALID: "format",
      VERSION_NOT_RELEASE: "format",
      SIGNATURE_DUPLICATE: "format",
      // Composer repository documents (packages.json, p2/<vendor>/<name>.json)
      COMPOSER_METADATA_INVALID: "format",
      // The ledger: rules of the state machine
      TIME_SKEW: "verification",
      SIGNATURE_MISSING: "verification",
      KEY_UNAUTHORIZED: "verification",
      KEY_REVOKED: "verification",
      KEY_EXISTS: "verification",
      KEY_UNKNOWN: "verification",
      VENDOR_UNCLAIMED: "verification",
      VENDOR_ALREADY_CLAIMED: "verification",
      RELEASE_EXISTS: "verification",
      RELEASE_UNKNOWN: "verification",
      RELEASE_ALREADY_REVOKED: "verification",
      RELEASE_DIGEST_MISMATCH: "verification",
      THRESHOLD_INVALID: "verification",
      BREAK_GLASS_KEY_INVALID: "verification",
      STATEMENT_REPLAYED: "verification",
      SEQUENCE_INVALID: "verification",
      // The registry
      AUTH_REQUIRED: "usage",
      NOT_VENDOR_OWNER: "verification",
      ARCHIVE_DIGEST_MISMATCH: "verification",
      ARCHIVE_H1_MISMATCH: "verification",
      COMPOSER_JSON_MISMATCH: "verification",
      NOT_FOUND: "usage",
      RELEASE_REVOKED: "verification",
      BODY_TOO_LARGE: "format",
      // The vendor's CLI
      RELEASE_TREE_DIRTY: "usage",
      RELEASE_TAG_MISMATCH: "usage",
      REPRODUCE_MISMATCH: "verification",
      // The verifier's trust configuration (signet.json, extra.signet, the user config; docs/VERIFY.md)
      CONFIG_INVALID: "usage",
      // Archives and git exports (src/archive, docs/ARCHIVES.md)
      ARCHIVE_INVALID: "format",
      ARCHIVE_LAYOUT: "format",
      ARCHIVE_PATH_UNSAFE: "verification",
      ARCHIVE_SYMLINK: "format",
      ARCHIVE_DUPLICATE_PATH: "verification",
      ARCHIVE_TOO_LARGE: "format",
      GIT_UNAVAILABLE: "unavailable",
      GIT_NOT_REPOSITORY: "usage",
      GIT_REVISION_UNKNOWN: "usage",
      GIT_FAILED: "unavailable",
      // The verifier
      RELEASE_NOT_IN_LOG: "verification",
      PACKAGE_MISMATCH: "verification",
      LOCK_SHASUM_MISMATCH: "verification",
      INSTALLED_FILES_ALTERED: "verification",
      ATTESTATION_POLICY_UNMET: "verification",
      ATTESTATION_VOTE_AGAINST: "verification",
      BREAK_GLASS_REFUSED: "verification",
      CHECKPOINT_STALE: "verification",
      STATE_MISSING: "usage",
      QUORUM_NOT_MET: "unavailable",
      // The witness (src/witness, docs/WITNESS.md); each is one tlog-witness status code
      WITNESS_REQUEST_MALFORMED: "format",
      WITNESS_LOG_UNKNOWN: "usage",
      WITNESS_CHECKPOINT_UNSIGNED: "verification",
      WITNESS_OLD_SIZE_MISMATCH: "usage",
      WITNESS_ROOT_CONFLICT: "verification",
      WITNESS_PROOF_INVALID: "verification",
      // Generic
      USAGE: "usage",
      FETCH_FAILED: "unavailable",
      INTERNAL: "usage"
    };
    SignetError = class extends Error {
      code;
      details;
      constructor(code, message, details = {}) {
        super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
        this.name = "SignetError";
        this.code = code;
        this.details = details;
      }
      get kind() {
        return ERROR_CODES[this.code];
      }
      /** A JSON form for `--json` output: code, message and details, never a stack. */
      toJSON() {
        const { cause: _cause, ...rest } = this.details;
        return { code: this.code, kind: this.kind, message: this.message, ...rest };
      }
    };
  }
});

// dist/src/cli/exit.js
function exitCodeFor(e) {
  if (!isSignetError(e))
    return EXIT.USAGE;
  switch (e.kind) {
    case "verification":
    case "format":
      return EXIT.VERIFICATION_FAILED;
    case "unavailable":
      return EXIT.UNAVAILABLE;
    case "usage":
      return EXIT.USAGE;
  }
}
function reportError(e, json) {
  const code = exitCodeFor(e);
  if (json) {
    const body = isSignetError(e) ? e.toJSON() : { code: "INTERNAL", kind: "usage", message: e instanceof Error ? e.message : String(e) };
    process.stdout.write(JSON.stringify({ ok: false, error: body }, null, 2) + "\n");
    return code;
  }
  if (e instanceof SignetError) {
    const d = e.details;
    const lines = [`signet: error ${e.code}: ${e.message}`];
    if (d.attack)
      lines.push(`  attack caught: ${d.attack}`);
    if (d.expected !== void 0)
      lines.push(`  expected: ${d.expected}`);
    if (d.got !== void 0)
      lines.push(`  got:      ${d.got}`);
    if (d.evidence) {
      for (const [k, v] of Object.entries(d.evidence)) {
        const s = typeof v === "string" ? v : JSON.stringify(v);
        lines.push(`  ${k}: ${s.includes("\n") ? "\n    " + s.replace(/\n/g, "\n    ") : s}`);
      }
    }
    if (d.hint)
      lines.push(`  what to do: ${d.hint}`);
    process.stderr.write(lines.join("\n") + "\n");
  } else {
    process.stderr.write(`signet: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}
`);
  }
  return code;
}
var EXIT;
var init_exit = __esm({
  "dist/src/cli/exit.js"() {
    "use strict";
    init_errors();
    EXIT = {
      OK: 0,
      /** A verification failed: the data is not what it claims to be. */
      VERIFICATION_FAILED: 1,
      /** Bad usage or configuration: a flag, a missing file, a wrong passphrase. */
      USAGE: 2,
      /** A service or file we depend on was unavailable; retrying may help. */
      UNAVAILABLE: 3
    };
  }
});

// dist/src/cli/program.js
var program_exports = {};
__export(program_exports, {
  buildProgram: () => buildProgram,
  runProgram: () => runProgram,
  start: () => start
});
function buildProgram(register) {
  const program2 = new Command();
  program2.name("signet").description("Signed Composer releases, a public transparency log, and the tools to verify both.\nExit codes: 0 ok, 1 verification failed, 2 usage or configuration, 3 service unavailable.").version("0.1.0").showHelpAfterError("(run with --help for usage)").enablePositionalOptions().exitOverride();
  register(program2);
  return program2;
}
async function runProgram(argv, register) {
  const program2 = buildProgram(register);
  try {
    await program2.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportError(e, argv.includes("--json"));
  }
}
function start(register) {
  runProgram(process.argv.slice(2), register).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.exitCode = reportError(e, false);
  });
}
var init_program = __esm({
  "dist/src/cli/program.js"() {
    "use strict";
    init_esm();
    init_exit();
  }
});

// dist/src/crypto/base64.js
function decodeStdBase64(s) {
  if (typeof s !== "string" || !STD_PADDED.test(s))
    return void 0;
  return Buffer.from(s, "base64");
}
function decodeCanonicalBase64(s) {
  if (typeof s !== "string")
    return void 0;
  const b = Buffer.from(s, "base64");
  return b.toString("base64") === s ? b : void 0;
}
var STD_PADDED;
var init_base64 = __esm({
  "dist/src/crypto/base64.js"() {
    "use strict";
    STD_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  }
});

// dist/src/crypto/ed25519.js
var import_node_crypto, import_node_util, SPKI_PREFIX, PKCS8_PREFIX, ED25519_PUBLIC_KEY_SIZE, ED25519_SEED_SIZE, ED25519_SIGNATURE_SIZE, Ed25519PublicKey, Ed25519PrivateKey;
var init_ed25519 = __esm({
  "dist/src/crypto/ed25519.js"() {
    "use strict";
    import_node_crypto = require("node:crypto");
    import_node_util = require("node:util");
    init_errors();
    SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
    PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
    ED25519_PUBLIC_KEY_SIZE = 32;
    ED25519_SEED_SIZE = 32;
    ED25519_SIGNATURE_SIZE = 64;
    Ed25519PublicKey = class _Ed25519PublicKey {
      /** The 32 raw public-key bytes (a private copy; do not mutate). */
      raw;
      #key;
      constructor(raw, key2) {
        this.raw = raw;
        this.#key = key2;
      }
      static fromRaw(raw) {
        if (!(raw instanceof Uint8Array) || raw.length !== ED25519_PUBLIC_KEY_SIZE) {
          throw new SignetError("KEY_INVALID", "an Ed25519 public key must be exactly 32 bytes", {
            expected: "32 bytes",
            got: raw instanceof Uint8Array ? `${raw.length} bytes` : typeof raw
          });
        }
        const copy = Buffer.from(raw);
        let key2;
        try {
          key2 = (0, import_node_crypto.createPublicKey)({ key: { kty: "OKP", crv: "Ed25519", x: copy.toString("base64url") }, format: "jwk" });
        } catch (e) {
          throw new SignetError("KEY_INVALID", "the bytes are not a valid Ed25519 public key", {
            expected: "a 32-byte Ed25519 public key",
            got: copy.toString("hex"),
            cause: e
          });
        }
        return new _Ed25519PublicKey(copy, key2);
      }
      /** @internal Used by Ed25519PrivateKey, which already holds the KeyObject. */
      static fromKeyObject(key2) {
        const der = key2.export({ format: "der", type: "spki" });
        if (der.length !== SPKI_PREFIX.length + 32 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
          throw new SignetError("KEY_INVALID", "the key object is not an Ed25519 public key", {
            expected: "Ed25519 SPKI",
            got: `${key2.asymmetricKeyType ?? "unknown"} key`
          });
        }
        return new _Ed25519PublicKey(Buffer.from(der.subarray(SPKI_PREFIX.length)), key2);
      }
      /** True when `signature` is a valid Ed25519 signature of `message`; never throws. */
      verify(message, signature) {
        if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_SIZE)
          return false;
        if (!(message instanceof Uint8Array))
          return false;
        try {
          return (0, import_node_crypto.verify)(null, message, this.#key, signature);
        } catch {
          return false;
        }
      }
      equals(other) {
        return other instanceof _Ed25519PublicKey && this.raw.equals(other.raw);
      }
      toString() {
        return `Ed25519PublicKey(${this.raw.toString("base64")})`;
      }
    };
    Ed25519PrivateKey = class _Ed25519PrivateKey {
      publicKey;
      #seed;
      #key;
      constructor(seed, key2) {
        this.#seed = seed;
        this.#key = key2;
        this.publicKey = Ed25519PublicKey.fromKeyObject((0, import_node_crypto.createPublicKey)(key2));
      }
      static generate() {
        const { privateKey } = (0, import_node_crypto.generateKeyPairSync)("ed25519");
        const der = privateKey.export({ format: "der", type: "pkcs8" });
        return new _Ed25519PrivateKey(Buffer.from(der.subarray(PKCS8_PREFIX.length)), privateKey);
      }
      static fromSeed(seed) {
        if (!(seed instanceof Uint8Array) || seed.length !== ED25519_SEED_SIZE) {
          throw new SignetError("KEY_INVALID", "an Ed25519 private key seed must be exactly 32 bytes", {
            expected: "32 bytes",
            got: seed instanceof Uint8Array ? `${seed.length} bytes` : typeof seed
          });
        }
        const copy = Buffer.from(seed);
        const key2 = (0, import_node_crypto.createPrivateKey)({ key: Buffer.concat([PKCS8_PREFIX, copy]), format: "der", type: "pkcs8" });
        return new _Ed25519PrivateKey(copy, key2);
      }
      /** A 64-byte Ed25519 signature of `message`. */
      sign(message) {
        return (0, import_node_crypto.sign)(null, message, this.#key);
      }
      /** The 32-byte seed; only for encrypting into a key file. */
      exportSeed() {
        return Buffer.from(this.#seed);
      }
      toString() {
        return `Ed25519PrivateKey(public ${this.publicKey.raw.toString("base64")})`;
      }
      /** Never serialises the seed. */
      toJSON() {
        return { type: "Ed25519PrivateKey", public: this.publicKey.raw.toString("base64") };
      }
      [import_node_util.inspect.custom]() {
        return this.toString();
      }
    };
  }
});

// dist/src/crypto/text.js
function isWellFormedUnicode(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 55296 && c <= 56319) {
      const n = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (n >= 56320 && n <= 57343) {
        i++;
        continue;
      }
      return false;
    }
    if (c >= 56320 && c <= 57343)
      return false;
  }
  return true;
}
var init_text = __esm({
  "dist/src/crypto/text.js"() {
    "use strict";
  }
});

// dist/src/crypto/note.js
function hex8(h) {
  return (h >>> 0).toString(16).padStart(8, "0");
}
function isValidKeyName(name) {
  if (typeof name !== "string" || name === "" || name.includes("+") || WHITESPACE.test(name))
    return false;
  return isWellFormedUnicode(name);
}
function keyHash(name, algAndKey) {
  const d = (0, import_node_crypto2.createHash)("sha256").update(name, "utf8").update("\n").update(algAndKey).digest();
  return d.readUInt32BE(0);
}
function chop(s, sep2) {
  const i = s.indexOf(sep2);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + sep2.length)];
}
function vkeyError(message, got, hint) {
  return new SignetError("VERIFIER_KEY_INVALID", `invalid verifier key: ${message}`, {
    expected: "name+hex8+base64(alg||public key), e.g. sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
    got,
    hint: hint ?? "copy the verifier key exactly as the log or witness publishes it"
  });
}
function parseVerifierKey(vkey) {
  if (typeof vkey !== "string")
    throw vkeyError("not a string", typeof vkey);
  const [name, rest] = chop(vkey, "+");
  const [h, b642] = chop(rest, "+");
  if (!isValidKeyName(name)) {
    throw vkeyError(`the name ${JSON.stringify(name)} is not a valid key name (non-empty, no spaces, no '+')`, vkey);
  }
  if (!HEX8.test(h))
    throw vkeyError(`the key hash ${JSON.stringify(h)} is not 8 hex digits`, vkey);
  const key2 = decodeStdBase64(b642);
  if (key2 === void 0 || key2.length === 0) {
    throw vkeyError("the key is not non-empty standard base64 (with padding)", vkey);
  }
  const hash2 = Number.parseInt(h, 16) >>> 0;
  const want = keyHash(name, key2);
  if (hash2 !== want) {
    throw new SignetError("VERIFIER_KEY_INVALID", `invalid verifier key: the key hash does not match the name and key`, {
      expected: hex8(want),
      got: h,
      hint: "the verifier key was altered or mistyped; copy it again from its publisher",
      evidence: { verifierKey: vkey }
    });
  }
  const alg = key2[0];
  return { name, keyHash: hash2, alg, publicKey: Buffer.from(key2.subarray(1)) };
}
function formatVerifierKey(name, publicKey, alg = ALG_ED25519) {
  if (!isValidKeyName(name)) {
    throw new SignetError("VERIFIER_KEY_INVALID", `invalid key name ${JSON.stringify(name)}`, {
      expected: "a non-empty name without whitespace or '+'",
      got: JSON.stringify(name)
    });
  }
  if (!Number.isInteger(alg) || alg < 0 || alg > 255) {
    throw new SignetError("VERIFIER_KEY_INVALID", "the algorithm must be one byte", { expected: "0..255", got: String(alg) });
  }
  const algAndKey = Buffer.concat([Buffer.of(alg), publicKey.raw]);
  return `${name}+${hex8(keyHash(name, algAndKey))}+${algAndKey.toString("base64")}`;
}
function ed25519NoteVerifier(vkey) {
  const k = typeof vkey === "string" ? parseVerifierKey(vkey) : vkey;
  if (k.alg !== ALG_ED25519) {
    throw new SignetError("VERIFIER_KEY_INVALID", `verifier key ${k.name} is not an Ed25519 note key`, {
      expected: "algorithm 0x01 (Ed25519)",
      got: `algorithm 0x${k.alg.toString(16).padStart(2, "0")}`
    });
  }
  if (k.publicKey.length !== 32) {
    throw new SignetError("VERIFIER_KEY_INVALID", `verifier key ${k.name} has a public key of the wrong size`, {
      expected: "32 bytes after the algorithm byte",
      got: `${k.publicKey.length} bytes`
    });
  }
  const want = keyHash(k.name, Buffer.concat([Buffer.of(ALG_ED25519), k.publicKey]));
  if (!isValidKeyName(k.name) || want !== k.keyHash >>> 0) {
    throw new SignetError("VERIFIER_KEY_INVALID", `verifier key ${k.name}: the key hash does not match`, {
      expected: hex8(want),
      got: hex8(k.keyHash)
    });
  }
  const pub = Ed25519PublicKey.fromRaw(k.publicKey);
  const name = k.name;
  const hash2 = k.keyHash >>> 0;
  return {
    name,
    keyHash: hash2,
    verify: (text2, sig) => pub.verify(text2, sig)
  };
}
function malformed(message, got, evidence) {
  return new SignetError("NOTE_MALFORMED", `malformed signed note: ${message}`, {
    expected: 'a C2SP signed note: UTF-8 text ending in a newline, a blank line, then lines "\u2014 <name> <base64 signature>"',
    ...got !== void 0 ? { got } : {},
    ...evidence !== void 0 ? { evidence } : {}
  });
}
function noteText(msg) {
  let s;
  if (typeof msg === "string") {
    if (Buffer.byteLength(msg, "utf8") > MAX_NOTE_BYTES) {
      throw malformed(`the note is larger than ${MAX_NOTE_BYTES} bytes`, `${Buffer.byteLength(msg, "utf8")} bytes`);
    }
    if (!isWellFormedUnicode(msg))
      throw malformed("the note is not valid UTF-8 (lone surrogate)");
    s = msg;
  } else {
    if (msg.byteLength > MAX_NOTE_BYTES) {
      throw malformed(`the note is larger than ${MAX_NOTE_BYTES} bytes`, `${msg.byteLength} bytes`);
    }
    try {
      s = utf8.decode(msg);
    } catch {
      throw malformed("the note is not valid UTF-8");
    }
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 10) {
      const line = s.slice(0, i).split("\n").length;
      throw malformed(`control character 0x${c.toString(16).padStart(2, "0")} on line ${line}`, `byte 0x${c.toString(16).padStart(2, "0")}`, {
        line
      });
    }
  }
  return s;
}
function splitNote(msg) {
  const s = noteText(msg);
  const split = s.lastIndexOf("\n\n");
  if (split < 0)
    throw malformed("no blank line separates the text from the signatures");
  const text2 = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0)
    throw malformed("the signature block after the last blank line is empty");
  if (!block.endsWith("\n"))
    throw malformed("the last signature line does not end with a newline");
  const rawLines = block.slice(0, -1).split("\n");
  const lines = [];
  let n = 0;
  for (const line of rawLines) {
    n++;
    if (!line.startsWith(SIG_PREFIX)) {
      throw malformed(`signature line ${n} does not start with "\u2014 " (U+2014 EM DASH, space)`, JSON.stringify(line.slice(0, 40)));
    }
    const body = line.slice(SIG_PREFIX.length);
    const [name, b642] = chop(body, " ");
    const raw = decodeStdBase64(b642);
    if (raw === void 0 || !isValidKeyName(name) || b642 === "" || raw.length < 5) {
      throw malformed(`signature line ${n} is not "\u2014 <name> <base64 of key hash and signature>"`, JSON.stringify(line.slice(0, 80)));
    }
    if (n > MAX_NOTE_SIGNATURES) {
      throw malformed(`more than ${MAX_NOTE_SIGNATURES} signature lines`, `${rawLines.length} lines`);
    }
    lines.push({
      body,
      sig: { name, keyHash: raw.readUInt32BE(0), signature: Buffer.from(raw.subarray(4)), base64: b642 }
    });
  }
  return { text: text2, lines };
}
function parseNote(msg) {
  const { text: text2, lines } = splitNote(msg);
  return { text: text2, signatures: lines.map((l) => l.sig) };
}
function nhKey(name, hash2) {
  return `${name}+${hex8(hash2)}`;
}
function openNote(msg, verifiers) {
  const known = /* @__PURE__ */ new Map();
  for (const v of verifiers) {
    const k = nhKey(v.name, v.keyHash);
    if (known.has(k)) {
      throw new SignetError("VERIFIER_KEY_INVALID", `ambiguous verifier keys: two verifiers are named ${k}`, {
        expected: "at most one verifier per name and key hash",
        got: `two verifiers for ${k}`,
        hint: "your trust configuration lists two different keys with the same name and key hash; remove the wrong one"
      });
    }
    known.set(k, v);
  }
  const { text: text2, lines } = splitNote(msg);
  const textBytes = Buffer.from(text2, "utf8");
  const note = { text: text2, sigs: [], unverifiedSigs: [] };
  const seen = /* @__PURE__ */ new Set();
  const seenUnverified = /* @__PURE__ */ new Set();
  for (const { body, sig } of lines) {
    const k = nhKey(sig.name, sig.keyHash);
    const v = known.get(k);
    if (v === void 0) {
      if (seenUnverified.has(body))
        continue;
      seenUnverified.add(body);
      note.unverifiedSigs.push(sig);
      continue;
    }
    if (seen.has(k))
      continue;
    seen.add(k);
    if (!v.verify(textBytes, sig.signature)) {
      throw new SignetError("NOTE_SIGNATURE_INVALID", `the signature by ${sig.name} (key hash ${hex8(sig.keyHash)}) does not verify`, {
        expected: `a valid signature by the key ${k} over the note text`,
        got: "a signature that does not verify",
        attack: "an altered note (its text was changed after signing) or a forged signature",
        hint: "do not trust this note; keep it as evidence and report it to the log operator",
        evidence: { name: sig.name, keyHash: hex8(sig.keyHash), note: typeof msg === "string" ? msg : Buffer.from(msg).toString("utf8") }
      });
    }
    note.sigs.push(sig);
  }
  if (note.sigs.length === 0) {
    const found = lines.map((l) => nhKey(l.sig.name, l.sig.keyHash));
    const expected = [...known.keys()];
    throw new SignetError("NOTE_UNVERIFIED", "the note carries no signature by any key you trust", {
      expected: expected.length > 0 ? `a signature by one of: ${expected.join(", ")}` : "a signature by a trusted key (none were configured)",
      got: found.length > 0 ? `signatures by: ${[...new Set(found)].join(", ")}` : "no signatures",
      attack: "a note from a different log or signer than the one you trust",
      hint: "check that the verifier key configured for this log is the one it publishes",
      evidence: { signersFound: [...new Set(found)], signersExpected: expected }
    });
  }
  return note;
}
var import_node_crypto2, ALG_ED25519, MAX_NOTE_BYTES, MAX_NOTE_SIGNATURES, SIG_PREFIX, utf8, WHITESPACE, HEX8;
var init_note = __esm({
  "dist/src/crypto/note.js"() {
    "use strict";
    import_node_crypto2 = require("node:crypto");
    init_errors();
    init_base64();
    init_ed25519();
    init_text();
    ALG_ED25519 = 1;
    MAX_NOTE_BYTES = 1 << 20;
    MAX_NOTE_SIGNATURES = 100;
    SIG_PREFIX = "\u2014 ";
    utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    WHITESPACE = /[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
    HEX8 = /^[0-9a-fA-F]{8}$/;
  }
});

// dist/src/ledger/names.js
function isValidVendorName(name) {
  return typeof name === "string" && name.length > 0 && name.length <= MAX_NAME_LENGTH && VENDOR_RE.test(name);
}
function isValidPackageName(name) {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_NAME_LENGTH)
    return false;
  const slash = name.indexOf("/");
  if (slash < 0)
    return false;
  return VENDOR_RE.test(name.slice(0, slash)) && PROJECT_RE.test(name.slice(slash + 1));
}
function vendorOf(packageName) {
  const slash = packageName.indexOf("/");
  return slash < 0 ? packageName : packageName.slice(0, slash);
}
function checkVendorName(name, field) {
  if (!isValidVendorName(name)) {
    throw new SignetError("NAME_INVALID", `${field} is not a valid Composer vendor name`, {
      expected: `lowercase ^[a-z0-9]([_.-]?[a-z0-9]+)*$, at most ${MAX_NAME_LENGTH} characters`,
      got: JSON.stringify(name),
      evidence: { field }
    });
  }
  return name;
}
function checkPackageName(name, field) {
  if (!isValidPackageName(name)) {
    throw new SignetError("NAME_INVALID", `${field} is not a valid Composer package name`, {
      expected: `lowercase vendor/name matching ^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$, at most ${MAX_NAME_LENGTH} characters`,
      got: JSON.stringify(name),
      evidence: { field }
    });
  }
  return name;
}
function expandStability(s) {
  switch (s.toLowerCase()) {
    case "a":
      return "alpha";
    case "b":
      return "beta";
    case "p":
    case "pl":
      return "patch";
    case "rc":
      return "RC";
    default:
      return s.toLowerCase();
  }
}
function withModifiers(base, stability, number, dev) {
  let v = base;
  if (stability !== void 0 && stability !== "") {
    if (stability === "stable")
      return v;
    v += "-" + expandStability(stability) + (number !== void 0 && number !== "" ? number.replace(/^[.-]+/, "") : "");
  }
  if (dev !== void 0 && dev !== "")
    v += "-dev";
  return v;
}
function composerNormalize(version) {
  let v = version.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(v);
  if (alias)
    v = alias[1];
  const flag = /@(?:stable|RC|beta|alpha|dev)$/i.exec(v);
  if (flag)
    v = v.slice(0, v.length - flag[0].length);
  if (v === "master" || v === "trunk" || v === "default")
    v = "dev-" + v;
  if (v.slice(0, 4).toLowerCase() === "dev-")
    return "dev-" + v.slice(4);
  const build = BUILD_RE.exec(v);
  if (build)
    v = build[1];
  let m = CLASSICAL_RE.exec(v);
  if (m) {
    const base = m[1] + (m[2] || ".0") + (m[3] || ".0") + (m[4] || ".0");
    return withModifiers(base, m[5], m[6], m[7]);
  }
  m = DATE_RE.exec(v);
  if (m)
    return withModifiers(m[1].replace(/\D/g, "."), m[2], m[3], m[4]);
  const dev = DEV_SUFFIX_RE.exec(v);
  if (dev) {
    const b = BRANCH_RE.exec(dev[1].trim());
    if (b) {
      let out = "";
      for (let i = 1; i < 5; i++)
        out += b[i] !== void 0 ? b[i].replace(/[*X]/g, "x") : ".x";
      return out.replace(/x/g, "9999999") + "-dev";
    }
  }
  return void 0;
}
function isDevVersion(normalized2) {
  return normalized2.startsWith("dev-") || normalized2.endsWith("-dev");
}
function normalizeVersion(version, field = "version") {
  if (typeof version !== "string" || version.length === 0 || version.length > MAX_VERSION_LENGTH || /[\s@]/.test(version)) {
    throw new SignetError("VERSION_INVALID", `${field} is not a version Composer can parse`, {
      expected: `a tag such as 1.2.0, v2.0 or 1.0.0-beta2 (at most ${MAX_VERSION_LENGTH} characters, no spaces, aliases or @flags)`,
      got: JSON.stringify(version),
      evidence: { field }
    });
  }
  const n = composerNormalize(version);
  if (n === void 0) {
    throw new SignetError("VERSION_INVALID", `${field} is not a version Composer can parse`, {
      expected: "a tag such as 1.2.0, v2.0 or 1.0.0-beta2",
      got: JSON.stringify(version),
      evidence: { field }
    });
  }
  if (isDevVersion(n)) {
    throw new SignetError("VERSION_NOT_RELEASE", `${field} ${JSON.stringify(version)} is a dev branch (${n}), not a release`, {
      expected: "a tagged release version",
      got: `${JSON.stringify(version)}, which Composer normalises to ${n}`,
      attack: "a moving branch presented as an immutable release",
      evidence: { field }
    });
  }
  return n;
}
function versionIdentity(normalized2) {
  let id = identities.get(normalized2);
  if (id === void 0) {
    id = computeVersionIdentity(normalized2);
    if (identities.size >= MAX_MEMO)
      identities.delete(identities.keys().next().value);
    identities.set(normalized2, id);
  }
  return id;
}
function computeVersionIdentity(normalized2) {
  return normalized2.toLowerCase().replace(/[-_+]/g, ".").replace(/(\d)(?=[a-z])|([a-z])(?=\d)/g, "$1$2.").split(".").filter((p) => p !== "").map((p) => /^\d+$/.test(p) ? p.replace(/^0+(?=\d)/, "") : p).join(".");
}
function checkNormalizedVersion(version, field) {
  if (typeof version !== "string") {
    throw new SignetError("VERSION_INVALID", `${field} must be a string`, { expected: "a normalised version such as 1.2.0.0", got: typeof version, evidence: { field } });
  }
  const n = normalizeVersion(version, field);
  if (n !== version) {
    throw new SignetError("VERSION_INVALID", `${field} is not in Composer's normalised form`, {
      expected: n,
      got: JSON.stringify(version),
      evidence: { field }
    });
  }
  return n;
}
function daysInMonth(year, month) {
  if (month === 2)
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
function parseTime(s) {
  if (typeof s !== "string")
    return void 0;
  const m = TIME_RE.exec(s);
  if (!m)
    return void 0;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const hour = +m[4];
  const minute = +m[5];
  const second = +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return void 0;
  return daysFromCivil(year, month, day) * 864e5 + ((hour * 60 + minute) * 60 + second) * 1e3;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
var MAX_NAME_LENGTH, MAX_VERSION_LENGTH, VENDOR_RE, PROJECT_RE, MODIFIER, CLASSICAL_RE, DATE_RE, BUILD_RE, DEV_SUFFIX_RE, BRANCH_RE, identities, MAX_MEMO, TIME_RE;
var init_names = __esm({
  "dist/src/ledger/names.js"() {
    "use strict";
    init_errors();
    MAX_NAME_LENGTH = 214;
    MAX_VERSION_LENGTH = 100;
    VENDOR_RE = /^[a-z0-9]+(?:[_.-][a-z0-9]+)*$/;
    PROJECT_RE = /^[a-z0-9]+(?:(?:[_.]|--?)[a-z0-9]+)*$/;
    MODIFIER = "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+(?:[.-]\\d+)*)?))?([.-]?dev)?";
    CLASSICAL_RE = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, "i");
    DATE_RE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}$`, "i");
    BUILD_RE = /^([^,\s+]+)\+\S+$/;
    DEV_SUFFIX_RE = /^(.*?)[.-]?dev$/i;
    BRANCH_RE = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
    identities = /* @__PURE__ */ new Map();
    MAX_MEMO = 4096;
    TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
  }
});

// dist/src/crypto/keys.js
function keyIdOf(pub) {
  const raw = pub instanceof Ed25519PublicKey ? pub.raw : pub;
  if (raw.length !== 32) {
    throw new SignetError("KEY_INVALID", "a key ID is computed over a 32-byte Ed25519 public key", {
      expected: "32 bytes",
      got: `${raw.length} bytes`
    });
  }
  return (0, import_node_crypto3.createHash)("sha256").update(raw).digest("hex");
}
function bad(message, expected, got) {
  return new SignetError("KEY_INVALID", `invalid Signet key: ${message}`, { expected, got });
}
function parseSignetKey(json) {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw bad("not a JSON object", "an object {id, alg, public, role}", Array.isArray(json) ? "an array" : typeof json);
  }
  const o = json;
  const keys = Object.keys(o).sort();
  if (keys.length !== FIELDS.length || keys.some((k, i) => k !== FIELDS[i])) {
    throw bad("wrong fields", "exactly the fields alg, id, public, role", keys.join(", ") || "(none)");
  }
  if (o.alg !== "ed25519")
    throw bad("unsupported algorithm", '"ed25519"', JSON.stringify(o.alg));
  if (o.role !== "full" && o.role !== "release")
    throw bad("unknown role", '"full" or "release"', JSON.stringify(o.role));
  if (typeof o.public !== "string")
    throw bad('"public" is not a string', "base64 of 32 bytes", typeof o.public);
  const raw = decodeCanonicalBase64(o.public);
  if (raw === void 0)
    throw bad('"public" is not canonical standard base64', "padded standard base64", JSON.stringify(o.public));
  if (raw.length !== 32)
    throw bad('"public" is not 32 bytes', "32 bytes", `${raw.length} bytes`);
  const pub = Ed25519PublicKey.fromRaw(raw);
  const id = keyIdOf(pub);
  if (o.id !== id) {
    throw new SignetError("KEY_INVALID", 'invalid Signet key: "id" is not the SHA-256 of the public key', {
      expected: id,
      got: JSON.stringify(o.id),
      attack: "a key presented under another key's ID"
    });
  }
  return { id, alg: "ed25519", public: o.public, role: o.role };
}
var import_node_crypto3, FIELDS;
var init_keys = __esm({
  "dist/src/crypto/keys.js"() {
    "use strict";
    import_node_crypto3 = require("node:crypto");
    init_errors();
    init_base64();
    init_ed25519();
    FIELDS = ["alg", "id", "public", "role"];
  }
});

// dist/src/ledger/statements.js
function invalid(field, message, expected, got) {
  return new SignetError("STATEMENT_INVALID", `invalid statement: ${field} ${message}`, {
    expected,
    got: typeof got === "string" ? JSON.stringify(got.length > 120 ? got.slice(0, 120) + "\u2026" : got) : got === void 0 ? "(missing)" : describe(got),
    evidence: { field }
  });
}
function describe(v) {
  if (v === null)
    return "null";
  if (Array.isArray(v))
    return `an array of ${v.length}`;
  if (typeof v === "object")
    return "an object";
  return `${typeof v} ${String(v)}`;
}
function isObj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function obj(v, field) {
  if (!isObj(v))
    throw invalid(field, "must be a JSON object", "an object", v);
  return v;
}
function fields(o, field, required, optional = []) {
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) {
      throw invalid(`${field}.${k}`, "is not a field of this statement", `only ${[...required, ...optional].join(", ")}`, o[k]);
    }
  }
  for (const k of required)
    if (!(k in o))
      throw invalid(`${field}.${k}`, "is missing", "present", void 0);
}
function str(v, field, max, min = 1) {
  if (typeof v !== "string" || v.length < min || v.length > max) {
    throw invalid(field, `must be a string of ${min}..${max} characters`, `a string of ${min}..${max} characters`, v);
  }
  return v;
}
function text(v, field) {
  const s = str(v, field, MAX_REASON_LENGTH);
  if (/[\u0000-\u001f\u007f]/.test(s) || !isWellFormedUnicode(s)) {
    throw invalid(field, "must not contain control characters or lone surrogates", "printable text", v);
  }
  return s;
}
function int(v, field, min, max) {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw invalid(field, `must be an integer in ${min}..${max}`, `an integer ${min}..${max}`, v);
  }
  return v;
}
function isLowerHex(s, length) {
  if (s.length !== length)
    return false;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 48 && c <= 57 || c >= 97 && c <= 102))
      return false;
  }
  return true;
}
function hex(v, field, length, what) {
  if (typeof v !== "string" || !isLowerHex(v, length))
    throw invalid(field, `must be ${what}`, what, v);
  return v;
}
function time(v, field) {
  if (parseTime(v) === void 0) {
    throw invalid(field, "must be an RFC 3339 UTC time with whole seconds", 'e.g. "2026-11-27T10:00:00Z"', v);
  }
  return v;
}
function key(v, field) {
  try {
    return parseSignetKey(v);
  } catch (e) {
    if (e instanceof SignetError) {
      throw new SignetError("STATEMENT_INVALID", `invalid statement: ${field} is not a valid Signet key: ${e.message}`, {
        ...e.details,
        evidence: { field },
        cause: e
      });
    }
    throw e;
  }
}
function breakGlass(o) {
  if (!("breakGlass" in o))
    return {};
  const b = obj(o.breakGlass, "breakGlass");
  fields(b, "breakGlass", ["reason"]);
  return { breakGlass: { reason: text(b.reason, "breakGlass.reason") } };
}
function subjectName(v, field) {
  const s = str(v, field, MAX_SUBJECT_NAME_LENGTH);
  if (!SUBJECT_NAME.test(s))
    throw invalid(field, "must be a file name of [A-Za-z0-9._+@-] starting with a letter or digit", 'e.g. "acme-widget-1.2.0.0.zip"', v);
  return s;
}
function subjectList(v, field, each) {
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_SUBJECTS) {
    throw invalid(field, `must be an array of 1..${MAX_SUBJECTS} subjects`, `1..${MAX_SUBJECTS} subjects`, v);
  }
  const seen = /* @__PURE__ */ new Set();
  return v.map((s, i) => {
    const out = each(obj(s, `${field}[${i}]`), `${field}[${i}]`);
    if (seen.has(out.name))
      throw invalid(`${field}[${i}].name`, "repeats an earlier subject name", "distinct names", out.name);
    seen.add(out.name);
    return out;
  });
}
function keyStatementBase(o) {
  return {
    vendor: checkVendorName(o.vendor, "vendor"),
    seq: int(o.seq, "seq", 0, MAX_SEQ),
    time: time(o.time, "time"),
    ...breakGlass(o)
  };
}
function parseVendor(o) {
  fields(o, "$", ["vendor", "keys", "threshold", "seq", "time"], ["breakGlass"]);
  const base = keyStatementBase(o);
  if (!Array.isArray(o.keys) || o.keys.length < 1 || o.keys.length > MAX_KEYS_PER_VENDOR_STATEMENT) {
    throw invalid("keys", `must be an array of 1..${MAX_KEYS_PER_VENDOR_STATEMENT} keys`, `1..${MAX_KEYS_PER_VENDOR_STATEMENT} keys`, o.keys);
  }
  const seen = /* @__PURE__ */ new Set();
  const keys = o.keys.map((k, i) => {
    const sk = key(k, `keys[${i}]`);
    if (seen.has(sk.id))
      throw invalid(`keys[${i}]`, "lists the same key twice", "distinct keys", sk.id);
    seen.add(sk.id);
    return sk;
  });
  return { kind: "vendor", ...base, keys, threshold: int(o.threshold, "threshold", 1, MAX_THRESHOLD) };
}
function parseKeyAdd(o) {
  fields(o, "$", ["vendor", "key", "seq", "time"], ["breakGlass"]);
  return { kind: "key-add", ...keyStatementBase(o), key: key(o.key, "key") };
}
function parseKeyRevoke(o) {
  fields(o, "$", ["vendor", "keyId", "reason", "seq", "time"], ["breakGlass"]);
  return {
    kind: "key-revoke",
    ...keyStatementBase(o),
    keyId: hex(o.keyId, "keyId", HEX64, "a key ID (64 lowercase hex digits)"),
    reason: text(o.reason, "reason")
  };
}
function parsePolicy(o) {
  fields(o, "$", ["vendor", "threshold", "seq", "time"], ["breakGlass"]);
  return { kind: "policy", ...keyStatementBase(o), threshold: int(o.threshold, "threshold", 1, MAX_THRESHOLD) };
}
function parseReleaseRevoke(o) {
  fields(o, "$", ["package", "version", "reason", "time"]);
  return {
    kind: "release-revoke",
    package: checkPackageName(o.package, "package"),
    version: checkNormalizedVersion(o.version, "version"),
    reason: text(o.reason, "reason"),
    time: time(o.time, "time")
  };
}
function parseRelease(o) {
  const p = obj(o.predicate, "predicate");
  fields(p, "predicate", ["package", "version", "prettyVersion", "h1", "source", "composerJson", "time"]);
  const pkg = checkPackageName(p.package, "predicate.package");
  const version = checkNormalizedVersion(p.version, "predicate.version");
  const prettyVersion = str(p.prettyVersion, "predicate.prettyVersion", 100);
  const n = normalizeVersion(prettyVersion, "predicate.prettyVersion");
  if (n !== version) {
    throw new SignetError("VERSION_INVALID", "predicate.version is not the normalised form of predicate.prettyVersion", {
      expected: n,
      got: JSON.stringify(version),
      attack: "a release whose tag and version disagree",
      evidence: { field: "predicate.version" }
    });
  }
  if (typeof p.h1 !== "string" || !H1.test(p.h1) || decodeCanonicalBase64(p.h1.slice(3))?.length !== 32) {
    throw invalid("predicate.h1", 'must be "h1:" + canonical base64 of 32 bytes', "h1:<base64 of SHA-256>", p.h1);
  }
  const src = obj(p.source, "predicate.source");
  fields(src, "predicate.source", ["type", "url", "reference"]);
  if (src.type !== "git")
    throw invalid("predicate.source.type", 'must be "git"', '"git"', src.type);
  const url = str(src.url, "predicate.source.url", MAX_URL_LENGTH);
  if (!/^[\x21-\x7e]+$/.test(url))
    throw invalid("predicate.source.url", "must be printable ASCII without spaces", "a git URL", url);
  const cj = obj(p.composerJson, "predicate.composerJson");
  fields(cj, "predicate.composerJson", ["sha256"]);
  const subjects = subjectList(o.subject, "subject", (s, f) => {
    fields(s, f, ["name", "digest"]);
    const d = obj(s.digest, `${f}.digest`);
    fields(d, `${f}.digest`, ["sha256", "sha1"]);
    return {
      name: subjectName(s.name, `${f}.name`),
      digest: {
        sha256: hex(d.sha256, `${f}.digest.sha256`, HEX64, "64 lowercase hex digits"),
        sha1: hex(d.sha1, `${f}.digest.sha1`, HEX40, "40 lowercase hex digits")
      }
    };
  });
  return {
    kind: "release",
    package: pkg,
    version,
    prettyVersion,
    subjects,
    h1: p.h1,
    source: { type: "git", url, reference: hex(src.reference, "predicate.source.reference", HEX40, "a git commit id (40 lowercase hex digits)") },
    composerJson: { sha256: hex(cj.sha256, "predicate.composerJson.sha256", HEX64, "64 lowercase hex digits") },
    time: time(p.time, "predicate.time")
  };
}
function parseAttester(v) {
  const a = obj(v, "predicate.attester");
  fields(a, "predicate.attester", ["id", "alg", "public"]);
  const k = key({ ...a, role: "full" }, "predicate.attester");
  return { id: k.id, alg: "ed25519", public: k.public };
}
function parseAttestation(o) {
  const p = obj(o.predicate, "predicate");
  fields(p, "predicate", ["kind", "package", "version", "attester", "time"], ["note"]);
  if (typeof p.kind !== "string" || !ATTESTATION_KINDS.includes(p.kind)) {
    throw invalid("predicate.kind", "is not an attestation kind", ATTESTATION_KINDS.join(" | "), p.kind);
  }
  const subjects = subjectList(o.subject, "subject", (s, f) => {
    fields(s, f, ["name", "digest"]);
    const d = obj(s.digest, `${f}.digest`);
    fields(d, `${f}.digest`, ["sha256"], ["sha1"]);
    const sha256 = hex(d.sha256, `${f}.digest.sha256`, HEX64, "64 lowercase hex digits");
    const name = subjectName(s.name, `${f}.name`);
    return "sha1" in d ? { name, digest: { sha256, sha1: hex(d.sha1, `${f}.digest.sha1`, HEX40, "40 lowercase hex digits") } } : { name, digest: { sha256 } };
  });
  return {
    kind: "attestation",
    attestation: p.kind,
    package: checkPackageName(p.package, "predicate.package"),
    version: checkNormalizedVersion(p.version, "predicate.version"),
    subjects,
    attester: parseAttester(p.attester),
    ..."note" in p ? { note: text(p.note, "predicate.note") } : {},
    time: time(p.time, "predicate.time")
  };
}
function parseInToto(o) {
  fields(o, "$", ["_type", "subject", "predicateType", "predicate"]);
  if (o._type !== IN_TOTO_STATEMENT_TYPE)
    throw invalid("_type", "must be the in-toto Statement v1 type", IN_TOTO_STATEMENT_TYPE, o._type);
  if (o.predicateType === PREDICATE_TYPES.release)
    return parseRelease(o);
  if (o.predicateType === PREDICATE_TYPES.attestation)
    return parseAttestation(o);
  throw new SignetError("PAYLOAD_TYPE_UNKNOWN", "the in-toto statement has a predicateType the log does not accept", {
    expected: `${PREDICATE_TYPES.release} or ${PREDICATE_TYPES.attestation}`,
    got: JSON.stringify(o.predicateType),
    evidence: { field: "predicateType" }
  });
}
function parseStatement(payloadType, json) {
  const o = obj(json, "$");
  switch (payloadType) {
    case PAYLOAD_TYPES.vendor:
      return parseVendor(o);
    case PAYLOAD_TYPES["key-add"]:
      return parseKeyAdd(o);
    case PAYLOAD_TYPES["key-revoke"]:
      return parseKeyRevoke(o);
    case PAYLOAD_TYPES.policy:
      return parsePolicy(o);
    case PAYLOAD_TYPES["release-revoke"]:
      return parseReleaseRevoke(o);
    case IN_TOTO_PAYLOAD_TYPE:
      return parseInToto(o);
    default:
      throw new SignetError("PAYLOAD_TYPE_UNKNOWN", `the log does not accept DSSE payloadType ${JSON.stringify(payloadType)}`, {
        expected: [...new Set(Object.values(PAYLOAD_TYPES))].join(" | "),
        got: JSON.stringify(payloadType),
        evidence: { field: "payloadType" }
      });
  }
}
function isKeyStatement(s) {
  return s.kind === "vendor" || s.kind === "key-add" || s.kind === "key-revoke" || s.kind === "policy";
}
function publicKeyFor(k) {
  let p = publicKeys.get(k);
  if (p === void 0) {
    p = Ed25519PublicKey.fromRaw(decodeCanonicalBase64(k.public));
    publicKeys.set(k, p);
  }
  return p;
}
var IN_TOTO_STATEMENT_TYPE, PAYLOAD_TYPES, PREDICATE_TYPES, ATTESTATION_KINDS, MAX_REASON_LENGTH, MAX_KEYS_PER_VENDOR_STATEMENT, MAX_THRESHOLD, MAX_SUBJECTS, MAX_SUBJECT_NAME_LENGTH, MAX_URL_LENGTH, MAX_SEQ, HEX64, HEX40, SUBJECT_NAME, H1, IN_TOTO_PAYLOAD_TYPE, publicKeys;
var init_statements = __esm({
  "dist/src/ledger/statements.js"() {
    "use strict";
    init_errors();
    init_base64();
    init_ed25519();
    init_keys();
    init_text();
    init_names();
    IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    PAYLOAD_TYPES = {
      vendor: "application/vnd.signet.vendor.v1+json",
      "key-add": "application/vnd.signet.key-add.v1+json",
      "key-revoke": "application/vnd.signet.key-revoke.v1+json",
      policy: "application/vnd.signet.policy.v1+json",
      "release-revoke": "application/vnd.signet.release-revoke.v1+json",
      release: "application/vnd.in-toto+json",
      attestation: "application/vnd.in-toto+json"
    };
    PREDICATE_TYPES = {
      release: "https://signet.dev/release/v1",
      attestation: "https://signet.dev/attestation/v1"
    };
    ATTESTATION_KINDS = ["reproduced", "code-review", "sec-audit", "spot-check", "vote-against"];
    MAX_REASON_LENGTH = 1e3;
    MAX_KEYS_PER_VENDOR_STATEMENT = 32;
    MAX_THRESHOLD = 32;
    MAX_SUBJECTS = 16;
    MAX_SUBJECT_NAME_LENGTH = 255;
    MAX_URL_LENGTH = 2048;
    MAX_SEQ = 2 ** 32 - 1;
    HEX64 = 64;
    HEX40 = 40;
    SUBJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._+@-]*$/;
    H1 = /^h1:[A-Za-z0-9+/]{43}=$/;
    IN_TOTO_PAYLOAD_TYPE = PAYLOAD_TYPES.release;
    publicKeys = /* @__PURE__ */ new WeakMap();
  }
});

// node_modules/canonicalize/lib/canonicalize.js
function hasLoneSurrogate(value) {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 55296 && code <= 56319) {
      if (i === value.length - 1) {
        return true;
      }
      const next = value.charCodeAt(i + 1);
      if (!(next >= 56320 && next <= 57343)) {
        return true;
      }
      i++;
    } else if (code >= 56320 && code <= 57343) {
      return true;
    }
  }
  return false;
}
function canonicalize(object, seen = /* @__PURE__ */ new Set()) {
  if (typeof object === "number" && isNaN(object)) {
    throw new Error("NaN is not allowed");
  }
  if (typeof object === "number" && !isFinite(object)) {
    throw new Error("Infinity is not allowed");
  }
  if (typeof object === "string" && hasLoneSurrogate(object)) {
    throw new Error("Lone surrogate is not allowed");
  }
  if (object === null || typeof object !== "object") {
    return JSON.stringify(object);
  }
  if (typeof object.toJSON === "function") {
    if (seen.has(object)) {
      throw new Error("Circular reference detected");
    }
    seen.add(object);
    const result2 = canonicalize(object.toJSON(), seen);
    seen.delete(object);
    return result2;
  }
  if (seen.has(object)) {
    throw new Error("Circular reference detected");
  }
  seen.add(object);
  let result;
  if (Array.isArray(object)) {
    const values = object.map((cv) => {
      const value = cv === void 0 || typeof cv === "symbol" ? null : cv;
      return canonicalize(value, seen);
    });
    result = `[${values.join(",")}]`;
  } else {
    const parts = [];
    for (const key2 of Object.keys(object).sort()) {
      if (object[key2] === void 0 || typeof object[key2] === "symbol") {
        continue;
      }
      parts.push(`${canonicalize(key2)}:${canonicalize(object[key2], seen)}`);
    }
    result = `{${parts.join(",")}}`;
  }
  seen.delete(object);
  return result;
}
var init_canonicalize = __esm({
  "node_modules/canonicalize/lib/canonicalize.js"() {
  }
});

// dist/src/crypto/canonical.js
function invalid2(path2, what) {
  return new SignetError("CANONICAL_JSON_INVALID", `value at ${path2} cannot be represented in canonical JSON: ${what}`, {
    expected: "null, booleans, finite numbers, strings without lone surrogates, arrays and plain objects",
    got: what,
    evidence: { path: path2 }
  });
}
function problem(value, seen, sorted) {
  switch (typeof value) {
    case "string":
      return wellFormed(value) ? void 0 : { path: [], what: "a string with a lone UTF-16 surrogate" };
    case "boolean":
      return void 0;
    case "number":
      return Number.isFinite(value) ? void 0 : { path: [], what: `the number ${String(value)}` };
    case "undefined":
      return { path: [], what: "undefined" };
    case "function":
      return { path: [], what: "a function" };
    case "bigint":
      return { path: [], what: `the bigint ${value.toString()}n` };
    case "symbol":
      return { path: [], what: "a symbol" };
    case "object": {
      if (value === null)
        return void 0;
      if (seen.has(value))
        return { path: [], what: "a circular reference" };
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const p = problem(value[i], seen, sorted);
          if (p !== void 0) {
            p.path.push(`[${i}]`);
            return p;
          }
        }
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          const name = value.constructor?.name;
          return { path: [], what: `an object of class ${typeof name === "string" ? name : "unknown"} (only plain objects)` };
        }
        if (Object.getOwnPropertySymbols(value).length > 0)
          return { path: [], what: "an object with symbol keys" };
        const o = value;
        let previous;
        for (const k in o) {
          if (!Object.prototype.hasOwnProperty.call(o, k))
            continue;
          if (!wellFormed(k))
            return { path: [`.${k}`], what: "a key with a lone UTF-16 surrogate" };
          if (previous !== void 0 && !(previous < k))
            sorted.value = false;
          previous = k;
          const p = problem(o[k], seen, sorted);
          if (p !== void 0) {
            p.path.push(`.${k}`);
            return p;
          }
        }
      }
      seen.delete(value);
      return void 0;
    }
  }
}
function check(value) {
  const sorted = { value: true };
  const p = problem(value, /* @__PURE__ */ new Set(), sorted);
  if (p !== void 0)
    throw invalid2("$" + p.path.reverse().join(""), p.what);
  return sorted.value;
}
function keysSorted(value) {
  if (typeof value !== "object" || value === null)
    return true;
  if (Array.isArray(value)) {
    for (const v of value)
      if (!keysSorted(v))
        return false;
    return true;
  }
  let previous;
  for (const k in value) {
    if (previous !== void 0 && !(previous < k))
      return false;
    previous = k;
    if (!keysSorted(value[k]))
      return false;
  }
  return true;
}
function isCanonicalParsedText(value, text2) {
  return !text2.includes("\\u") && keysSorted(value) && JSON.stringify(value) === text2;
}
function canonicalJson(value) {
  if (check(value))
    return JSON.stringify(value);
  const out = canonicalize(value);
  if (typeof out !== "string")
    throw invalid2("$", "a value with no JSON form");
  return out;
}
function canonicalJsonBytes(value) {
  return Buffer.from(canonicalJson(value), "utf8");
}
function parseJsonText(input, maxBytes) {
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  if (size > maxBytes) {
    throw new SignetError("CANONICAL_JSON_INVALID", `JSON input is too large: ${size} bytes, the limit is ${maxBytes}`, {
      expected: `at most ${maxBytes} bytes`,
      got: `${size} bytes`
    });
  }
  let text2;
  if (typeof input === "string") {
    text2 = input;
  } else {
    try {
      text2 = utf82.decode(input);
    } catch (e) {
      throw new SignetError("CANONICAL_JSON_INVALID", "JSON input is not valid UTF-8", {
        expected: "UTF-8 text",
        got: "invalid UTF-8 bytes",
        cause: e
      });
    }
  }
  try {
    return { text: text2, value: JSON.parse(text2) };
  } catch (e) {
    throw new SignetError("CANONICAL_JSON_INVALID", `input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
      expected: "a JSON document",
      got: text2.length > 80 ? JSON.stringify(text2.slice(0, 80)) + "\u2026" : JSON.stringify(text2),
      cause: e
    });
  }
}
var wellFormed, utf82;
var init_canonical = __esm({
  "dist/src/crypto/canonical.js"() {
    "use strict";
    init_canonicalize();
    init_errors();
    init_text();
    wellFormed = typeof String.prototype.isWellFormed === "function" ? (s) => s.isWellFormed() : isWellFormedUnicode;
    utf82 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  }
});

// dist/src/crypto/dsse.js
function pae(payloadType, payload) {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, "ascii"),
    type,
    Buffer.from(` ${payload.byteLength} `, "ascii"),
    payload
  ]);
}
function malformed2(message, expected, got) {
  return new SignetError("DSSE_MALFORMED", `malformed DSSE envelope: ${message}`, { expected, got });
}
function exactFields(o, fields2, where) {
  const keys = Object.keys(o);
  const extra = keys.filter((k) => !fields2.includes(k));
  const missing2 = fields2.filter((f) => !keys.includes(f));
  if (extra.length > 0 || missing2.length > 0) {
    throw malformed2(`${where} must have exactly the fields ${fields2.join(", ")}`, fields2.join(", "), [missing2.length > 0 ? `missing ${missing2.join(", ")}` : "", extra.length > 0 ? `unexpected ${extra.join(", ")}` : ""].filter(Boolean).join("; "));
  }
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function parseEnvelopeValue(json) {
  if (!isObject(json))
    throw malformed2("not a JSON object", "an object", Array.isArray(json) ? "an array" : typeof json);
  exactFields(json, ["payloadType", "payload", "signatures"], "the envelope");
  const { payloadType, payload, signatures } = json;
  if (typeof payloadType !== "string" || payloadType === "" || !isWellFormedUnicode(payloadType)) {
    throw malformed2("payloadType must be a non-empty string of valid Unicode", "a non-empty string", JSON.stringify(payloadType));
  }
  const payloadBytes = typeof payload === "string" ? decodeCanonicalBase64(payload) : void 0;
  if (typeof payload !== "string" || payloadBytes === void 0) {
    throw malformed2("payload must be canonical standard base64 (with padding)", "standard base64", typeof payload === "string" ? `${JSON.stringify(payload.slice(0, 40))}\u2026` : typeof payload);
  }
  if (!Array.isArray(signatures) || signatures.length < 1 || signatures.length > MAX_ENVELOPE_SIGNATURES) {
    throw malformed2(`signatures must be an array of 1 to ${MAX_ENVELOPE_SIGNATURES} entries`, `1..${MAX_ENVELOPE_SIGNATURES} signatures`, Array.isArray(signatures) ? `${signatures.length} signatures` : typeof signatures);
  }
  const sigs = signatures.map((s, i) => {
    if (!isObject(s))
      throw malformed2(`signature ${i} is not an object`, "{keyid, sig}", typeof s);
    exactFields(s, ["keyid", "sig"], `signature ${i}`);
    if (typeof s.keyid !== "string" || !isWellFormedUnicode(s.keyid)) {
      throw malformed2(`signature ${i}: keyid must be a string of valid Unicode`, "a string", JSON.stringify(s.keyid));
    }
    if (typeof s.sig !== "string" || s.sig === "" || decodeCanonicalBase64(s.sig) === void 0) {
      throw malformed2(`signature ${i}: sig must be non-empty canonical standard base64`, "standard base64", JSON.stringify(s.sig));
    }
    return { keyid: s.keyid, sig: s.sig };
  });
  return { envelope: { payloadType, payload, signatures: sigs }, payload: payloadBytes };
}
function parsedEnvelopeText(env) {
  let sigs = "";
  for (const s of env.signatures)
    sigs += `${sigs === "" ? "" : ","}{"keyid":${JSON.stringify(s.keyid)},"sig":"${s.sig}"}`;
  return `{"payload":"${env.payload}","payloadType":${JSON.stringify(env.payloadType)},"signatures":[${sigs}]}`;
}
function envelopeBytes(env) {
  return canonicalJsonBytes({
    payload: env.payload,
    payloadType: env.payloadType,
    signatures: env.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig }))
  });
}
var MAX_ENVELOPE_BYTES, MAX_ENVELOPE_SIGNATURES;
var init_dsse = __esm({
  "dist/src/crypto/dsse.js"() {
    "use strict";
    init_errors();
    init_base64();
    init_canonical();
    init_text();
    MAX_ENVELOPE_BYTES = 65535;
    MAX_ENVELOPE_SIGNATURES = 100;
  }
});

// dist/src/ledger/entry.js
function toBuffer(b) {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
function parseEntry(bytes) {
  if (!(bytes instanceof Uint8Array)) {
    throw new SignetError("ENTRY_NOT_JSON", "an entry must be bytes", { expected: "a Uint8Array", got: typeof bytes });
  }
  const buf = toBuffer(bytes);
  if (buf.length > MAX_ENVELOPE_BYTES) {
    throw new SignetError("ENTRY_TOO_LARGE", `the entry is ${buf.length} bytes, over the log's limit of ${MAX_ENVELOPE_BYTES}`, {
      expected: `at most ${MAX_ENVELOPE_BYTES} bytes`,
      got: `${buf.length} bytes`
    });
  }
  let envelopeJson;
  try {
    envelopeJson = parseJsonText(buf, MAX_ENVELOPE_BYTES);
  } catch (e) {
    const cause = isSignetError(e) ? e : void 0;
    throw new SignetError("ENTRY_NOT_JSON", `the entry is not JSON: ${cause?.message ?? String(e)}`, {
      expected: "UTF-8 JSON text of a DSSE envelope",
      got: `${buf.length} bytes starting ${JSON.stringify(buf.subarray(0, 16).toString("latin1"))}`,
      cause: e
    });
  }
  const { envelope, payload } = parseEnvelopeValue(envelopeJson.value);
  if (parsedEnvelopeText(envelope) !== envelopeJson.text) {
    const canonical = envelopeBytes(envelope);
    throw new SignetError("ENTRY_NOT_CANONICAL", "the entry is not the RFC 8785 canonical JSON of its envelope", {
      expected: `${canonical.length} bytes of canonical JSON (sorted keys, no whitespace, no duplicate keys)`,
      got: `${buf.length} bytes that differ`,
      attack: "one statement logged under several byte forms (several entry hashes)",
      hint: "serialise the envelope with RFC 8785 (envelopeBytes)"
    });
  }
  let statementJson;
  try {
    statementJson = parseJsonText(payload, MAX_ENVELOPE_BYTES);
  } catch (e) {
    throw new SignetError("STATEMENT_INVALID", "invalid statement: the DSSE payload is not JSON", {
      expected: "UTF-8 JSON",
      got: `${payload.length} bytes`,
      evidence: { field: "payload" },
      cause: e
    });
  }
  if (!isCanonicalParsedText(statementJson.value, statementJson.text))
    checkCanonicalPayload(statementJson, payload.length);
  const statement = parseStatement(envelope.payloadType, statementJson.value);
  return { bytes: buf, envelope, payloadType: envelope.payloadType, statement, pae: pae(envelope.payloadType, payload) };
}
function checkCanonicalPayload(statementJson, size) {
  let canonicalPayload;
  try {
    canonicalPayload = canonicalJson(statementJson.value);
  } catch (e) {
    throw new SignetError("PAYLOAD_NOT_CANONICAL", "the DSSE payload cannot be canonical JSON", { expected: "RFC 8785 canonical JSON", got: "JSON outside I-JSON", cause: e });
  }
  if (canonicalPayload !== statementJson.text) {
    throw new SignetError("PAYLOAD_NOT_CANONICAL", "the DSSE payload is not RFC 8785 canonical JSON", {
      expected: `${Buffer.byteLength(canonicalPayload, "utf8")} bytes of canonical JSON`,
      got: `${size} bytes that differ`,
      attack: "a statement whose meaning depends on the JSON parser (duplicate keys, number forms)"
    });
  }
}
function entryLookupKeys(entry) {
  const s = entry.statement;
  switch (s.kind) {
    case "release":
    case "release-revoke":
    case "attestation":
      return { vendor: vendorOf(s.package), package: s.package, version: `${s.package}@${s.version}` };
    default:
      return { vendor: s.vendor };
  }
}
var init_entry = __esm({
  "dist/src/ledger/entry.js"() {
    "use strict";
    init_errors();
    init_canonical();
    init_dsse();
    init_keys();
    init_names();
    init_statements();
  }
});

// dist/src/ledger/state.js
function normalized(version) {
  return typeof version === "string" ? composerNormalize(version) : void 0;
}
var LedgerState;
var init_state = __esm({
  "dist/src/ledger/state.js"() {
    "use strict";
    init_ed25519();
    init_names();
    LedgerState = class _LedgerState {
      #size = 0;
      #vendors = /* @__PURE__ */ new Map();
      /** keyId → the vendors that have ever listed it (for naming "a key of another vendor"). */
      #keyIndex = /* @__PURE__ */ new Map();
      #token = {};
      /** Index of the next entry (entries applied so far). */
      get size() {
        return this.#size;
      }
      /**
       * For partial views (light mode, offline bundles): the entries before `index` are not known here, so
       * the next entry applied is entry `index`. A vendor's state depends only on its own entries, so
       * replaying all of one vendor's entries this way gives that vendor's state exactly.
       */
      skipTo(index) {
        if (!Number.isSafeInteger(index) || index < this.#size)
          throw new Error(`internal: cannot skip back from ${this.#size} to ${index}`);
        this.#size = index;
      }
      clone() {
        const c = new _LedgerState();
        c.#size = this.#size;
        c.#vendors = new Map(this.#vendors);
        c.#keyIndex = new Map(this.#keyIndex);
        this.#token = {};
        return c;
      }
      // ---- read accessors ---------------------------------------------------------------------------
      vendor(name) {
        const v = this.#vendors.get(name);
        return v === void 0 ? void 0 : { name: v.name, claimedAt: v.claimedAt, seq: v.seq, threshold: v.threshold };
      }
      vendors() {
        return [...this.#vendors.keys()].sort();
      }
      /** Every key the vendor has ever had, with its role and validity range [from, until), oldest first. */
      keysOf(vendor) {
        const v = this.#vendors.get(vendor);
        return v === void 0 ? [] : [...v.keys.values()];
      }
      /** The vendor's current (unrevoked) keys. */
      currentKeys(vendor) {
        return this.keysOf(vendor).filter((k) => k.until === void 0);
      }
      key(vendor, keyId) {
        return this.#vendors.get(vendor)?.keys.get(keyId);
      }
      /** True when `keyId` was a key of `vendor` valid at log index `index` (added at or before, not yet revoked). */
      keyValidAt(vendor, keyId, index) {
        const k = this.key(vendor, keyId);
        return k !== void 0 && k.from <= index && (k.until === void 0 || index < k.until);
      }
      threshold(vendor) {
        return this.#vendors.get(vendor)?.threshold;
      }
      /** The release of `pkg` at `version` (pretty or normalised), if logged. */
      release(pkg, version) {
        const n = normalized(version);
        if (n === void 0)
          return void 0;
        return this.#vendors.get(vendorOf(pkg))?.packages.get(pkg)?.get(n);
      }
      /** Every release of `pkg`, in log order. */
      releasesOf(pkg) {
        const m = this.#vendors.get(vendorOf(pkg))?.packages.get(pkg);
        return m === void 0 ? [] : [...m.values()].sort((a, b) => a.index - b.index);
      }
      packagesOf(vendor) {
        const v = this.#vendors.get(vendor);
        return v === void 0 ? [] : [...v.packages.keys()].sort();
      }
      isReleaseRevoked(pkg, version) {
        return this.release(pkg, version)?.revoked !== void 0;
      }
      attestationsOf(pkg, version) {
        return this.release(pkg, version)?.attestations ?? [];
      }
      breakGlassActions(vendor) {
        return this.#vendors.get(vendor)?.breakGlass ?? [];
      }
      /** The vendors that have ever listed `keyId`. */
      vendorsOfKey(keyId) {
        return this.#keyIndex.get(keyId) ?? [];
      }
      /** A canonical, deterministic view of the whole state. */
      toJSON() {
        return { size: this.#size, vendors: this.vendors().map((name) => this.vendorToJSON(name)) };
      }
      /** One vendor's part of toJSON() (snapshots per vendor: LedgerState.fromJSON takes any subset). */
      vendorToJSON(name) {
        const v = this.#vendors.get(name);
        if (v === void 0)
          return void 0;
        return {
          name,
          claimedAt: v.claimedAt,
          seq: v.seq,
          threshold: v.threshold,
          keys: [...v.keys.values()].sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1)).map((k) => ({
            id: k.id,
            role: k.role,
            public: k.public,
            from: k.from,
            until: k.until ?? null,
            addedBy: k.addedBy,
            revocation: k.revocation === void 0 ? null : { ...k.revocation }
          })),
          breakGlass: v.breakGlass.map((b) => ({ ...b })),
          packages: [...v.packages.keys()].sort().map((pkg) => ({
            name: pkg,
            releases: [...v.packages.get(pkg).values()].sort((a, b) => a.index - b.index).map((r) => ({
              version: r.version,
              prettyVersion: r.prettyVersion,
              index: r.index,
              keyId: r.keyId,
              subjects: r.subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
              h1: r.h1,
              source: { ...r.source },
              composerJson: { ...r.composerJson },
              time: r.time,
              revoked: r.revoked === void 0 ? null : { ...r.revoked },
              attestations: r.attestations.map((a) => ({
                index: a.index,
                attestation: a.attestation,
                keyId: a.keyId,
                public: a.public,
                subjects: a.subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
                note: a.note ?? null,
                time: a.time
              }))
            }))
          }))
        };
      }
      /**
       * The inverse of toJSON(), for snapshots a verifier wrote itself (trusted input: it is not re-checked
       * against the rules). fromJSON(x.toJSON()) behaves exactly as x for every later entry.
       */
      static fromJSON(json) {
        const j = json;
        const st = new _LedgerState();
        st.#size = j.size;
        for (const v of j.vendors) {
          const rec = st._newVendor(v.name, v.claimedAt, v.threshold);
          rec.seq = v.seq;
          for (const k of v.keys) {
            rec.keys.set(k.id, {
              id: k.id,
              role: k.role,
              public: k.public,
              publicKey: Ed25519PublicKey.fromRaw(Buffer.from(k.public, "base64")),
              from: k.from,
              ...k.until === null ? {} : { until: k.until },
              addedBy: k.addedBy,
              ...k.revocation === null ? {} : { revocation: k.revocation }
            });
            st._indexKey(k.id, v.name);
          }
          rec.breakGlass.push(...v.breakGlass);
          for (const p of v.packages) {
            const versions = /* @__PURE__ */ new Map();
            const ids = /* @__PURE__ */ new Map();
            for (const r of p.releases) {
              versions.set(r.version, {
                package: p.name,
                version: r.version,
                prettyVersion: r.prettyVersion,
                index: r.index,
                keyId: r.keyId,
                subjects: r.subjects,
                h1: r.h1,
                source: r.source,
                composerJson: r.composerJson,
                time: r.time,
                ...r.revoked === null ? {} : { revoked: r.revoked },
                attestations: r.attestations.map((a) => ({
                  index: a.index,
                  attestation: a.attestation,
                  keyId: a.keyId,
                  public: a.public,
                  subjects: a.subjects,
                  ...a.note === null ? {} : { note: a.note },
                  time: a.time
                }))
              });
              ids.set(versionIdentity(r.version), r.version);
            }
            rec.packages.set(p.name, versions);
            rec.identities.set(p.name, ids);
          }
        }
        return st;
      }
      // ---- internal: used by rules.ts only ----------------------------------------------------------
      /** @internal */
      _vendor(name) {
        return this.#vendors.get(name);
      }
      /** @internal A record of `name` this state may mutate (copied if shared with a clone). */
      _writableVendor(name) {
        const v = this.#vendors.get(name);
        if (v === void 0)
          throw new Error(`internal: vendor ${name} missing`);
        if (v.owner === this.#token)
          return v;
        const copy = {
          name: v.name,
          claimedAt: v.claimedAt,
          seq: v.seq,
          threshold: v.threshold,
          keys: new Map(v.keys),
          packages: new Map([...v.packages].map(([p, m]) => [p, new Map(m)])),
          identities: new Map([...v.identities].map(([p, m]) => [p, new Map(m)])),
          breakGlass: [...v.breakGlass],
          owner: this.#token
        };
        this.#vendors.set(name, copy);
        return copy;
      }
      /** @internal */
      _newVendor(name, claimedAt, threshold) {
        const v = { name, claimedAt, seq: 0, threshold, keys: /* @__PURE__ */ new Map(), packages: /* @__PURE__ */ new Map(), identities: /* @__PURE__ */ new Map(), breakGlass: [], owner: this.#token };
        this.#vendors.set(name, v);
        return v;
      }
      /** @internal */
      _indexKey(keyId, vendor) {
        const list = this.#keyIndex.get(keyId) ?? [];
        if (!list.includes(vendor))
          this.#keyIndex.set(keyId, [...list, vendor]);
      }
      /** @internal */
      _advance() {
        this.#size++;
      }
    };
  }
});

// dist/src/ledger/rules.js
function unauthorizedKey(state, vendor, keyid, what, config, needFull) {
  const index = state.size;
  const k = state.key(vendor, keyid);
  if (k !== void 0 && k.until !== void 0) {
    return new SignetError("KEY_REVOKED", `${what} is signed by key ${keyid} of ${vendor}, revoked at index ${k.until}; this entry would be index ${index}`, {
      expected: `a key of ${vendor} valid at index ${index}`,
      got: `key ${keyid}, valid [${k.from}, ${k.until})`,
      attack: "a signature by a revoked (possibly stolen) key",
      evidence: { vendor, keyId: keyid, from: k.from, until: k.until, index }
    });
  }
  if (k !== void 0 && needFull && k.role === "release") {
    return new SignetError("KEY_UNAUTHORIZED", `${what} is signed by ${keyid}, a release-only key of ${vendor}; key changes need full keys`, {
      expected: `full keys of ${vendor}`,
      got: `release key ${keyid}`,
      attack: "a release-only key (e.g. on a CI runner) trying to change the vendor's keys",
      evidence: { vendor, keyId: keyid }
    });
  }
  const others = state.vendorsOfKey(keyid).filter((v) => v !== vendor);
  if (others.length > 0) {
    return new SignetError("KEY_UNAUTHORIZED", `${what} for ${vendor} is signed by ${keyid}, a key of another vendor (${others.join(", ")})`, {
      expected: `a current key of ${vendor}`,
      got: `key ${keyid} of ${others.join(", ")}`,
      attack: "a key of another vendor signing in this namespace",
      evidence: { vendor, keyId: keyid, keyVendors: others }
    });
  }
  const role = config.registryKeys.some((r) => keyIdOf(r) === keyid) ? " (a registry key: the registry may only vouch for vendor claims)" : config.coreKey !== void 0 && keyIdOf(config.coreKey) === keyid ? " (the core key: it signs only break-glass statements)" : "";
  return new SignetError("KEY_UNAUTHORIZED", `${what} for ${vendor} is signed by ${keyid}, which is not a key allowed to sign it${role}`, {
    expected: `a current key of ${vendor}`,
    got: `key ${keyid}`,
    attack: "a statement signed by someone other than the namespace owner",
    evidence: { vendor, keyId: keyid }
  });
}
function replayCheck(v, s) {
  const expected = v?.seq ?? 0;
  if (s.seq === expected)
    return;
  if (s.seq < expected) {
    throw new SignetError("STATEMENT_REPLAYED", `the ${s.kind} statement for ${s.vendor} carries seq ${s.seq}, already used; the next is ${expected}`, {
      expected: `seq ${expected}`,
      got: `seq ${s.seq}`,
      attack: "a replayed key-change statement (e.g. re-adding a key that was later revoked)",
      evidence: { vendor: s.vendor, seq: s.seq, expectedSeq: expected }
    });
  }
  throw new SignetError("SEQUENCE_INVALID", `the ${s.kind} statement for ${s.vendor} carries seq ${s.seq}, ahead of the next (${expected})`, {
    expected: `seq ${expected}`,
    got: `seq ${s.seq}`,
    hint: "read the vendor's current seq from the log and sign again",
    evidence: { vendor: s.vendor, seq: s.seq, expectedSeq: expected }
  });
}
function vendorRequired(state, vendor, what) {
  const v = state._vendor(vendor);
  if (v === void 0) {
    throw new SignetError("VENDOR_UNCLAIMED", `${what}: the namespace ${vendor} has not been claimed`, {
      expected: `a vendor statement for ${vendor} earlier in the log`,
      got: "no claim",
      hint: "claim the namespace first (a vendor statement vouched for by the registry)",
      evidence: { vendor }
    });
  }
  return v;
}
function thresholdCheck(threshold, fullKeys, vendor) {
  if (threshold < 1 || threshold > fullKeys) {
    throw new SignetError("THRESHOLD_INVALID", `the threshold for ${vendor} must be between 1 and its number of full keys (${fullKeys})`, {
      expected: `1..${fullKeys}`,
      got: String(threshold),
      attack: fullKeys < threshold ? "a threshold no one can meet (locking the vendor out)" : void 0,
      evidence: { vendor, threshold, fullKeys }
    });
  }
}
function currentFull(v) {
  const out = [];
  for (const k of v.keys.values())
    if (k.until === void 0 && k.role === "full")
      out.push(k);
  return out;
}
function thresholdMet(v, verified, what) {
  let n = 0;
  for (const k of v.keys.values())
    if (k.until === void 0 && k.role === "full" && verified.has(k.id))
      n++;
  if (n < v.threshold) {
    throw new SignetError("DSSE_THRESHOLD_NOT_MET", `${what} for ${v.name} is signed by ${n} current full key(s); the vendor's threshold is ${v.threshold}`, {
      expected: `${v.threshold} distinct current full keys of ${v.name}`,
      got: String(n),
      attack: "a key change by fewer keys than the vendor requires (one stolen key is not enough)",
      evidence: { vendor: v.name, threshold: v.threshold, signedBy: [...verified] }
    });
  }
}
function missing(who, keyid, what, attack) {
  return new SignetError("SIGNATURE_MISSING", `${what} lacks a valid signature by ${who}`, {
    expected: `a signature by ${who} (${keyid})`,
    got: "none",
    attack,
    evidence: { keyId: keyid }
  });
}
function breakGlassPlan(state, s, config, commit) {
  if (config.coreKey === void 0) {
    throw new SignetError("BREAK_GLASS_KEY_INVALID", `a break-glass ${s.kind} statement, but this log has no core key`, {
      expected: "no break-glass statements (the log is configured without a core key)",
      got: `a break-glass ${s.kind} for ${s.vendor}`,
      attack: "a break-glass action on a log that does not accept them"
    });
  }
  const core = config.coreKey;
  const coreId = keyIdOf(core);
  void state;
  return {
    authorized: /* @__PURE__ */ new Map([[coreId, core]]),
    unauthorized: (keyid) => new SignetError("BREAK_GLASS_KEY_INVALID", `the break-glass ${s.kind} for ${s.vendor} is signed by ${keyid}, not the core key`, {
      expected: `only the core key ${coreId}`,
      got: `key ${keyid}`,
      attack: "a break-glass action by someone other than the core key holder",
      evidence: { keyId: keyid, coreKeyId: coreId }
    }),
    check: () => void 0,
    commit
  };
}
function addKey(state, v, k, index, addedBy) {
  v.keys.set(k.id, { id: k.id, role: k.role, public: k.public, publicKey: publicKeyFor(k), from: index, addedBy });
  state._indexKey(k.id, v.name);
}
function vendorPlan(state, s, config) {
  const index = state.size;
  const existing = state._vendor(s.vendor);
  const full = s.keys.filter((k) => k.role === "full").length;
  if (s.breakGlass !== void 0) {
    replayCheck(existing, s);
    if (existing !== void 0) {
      for (const k of s.keys) {
        if (existing.keys.has(k.id)) {
          throw new SignetError("KEY_EXISTS", `the break-glass reset of ${s.vendor} lists key ${k.id}, which the vendor already had`, {
            expected: "only keys new to the vendor",
            got: `key ${k.id} (from index ${existing.keys.get(k.id).from})`,
            attack: "bringing back a compromised or revoked key",
            evidence: { vendor: s.vendor, keyId: k.id }
          });
        }
      }
    }
    thresholdCheck(s.threshold, full, s.vendor);
    const reason = s.breakGlass.reason;
    return breakGlassPlan(state, s, config, () => {
      let v;
      if (existing === void 0) {
        v = state._newVendor(s.vendor, index, s.threshold);
      } else {
        v = state._writableVendor(s.vendor);
        for (const k of v.keys.values()) {
          if (k.until === void 0)
            v.keys.set(k.id, { ...k, until: index, revocation: { index, reason, by: "break-glass-vendor" } });
        }
        v.threshold = s.threshold;
      }
      for (const k of s.keys)
        addKey(state, v, k, index, "break-glass-vendor");
      v.seq++;
      v.breakGlass.push({ index, kind: "vendor", reason, time: s.time });
    });
  }
  if (existing !== void 0) {
    throw new SignetError("VENDOR_ALREADY_CLAIMED", `the namespace ${s.vendor} was already claimed at index ${existing.claimedAt}`, {
      expected: "a claim of an unclaimed namespace",
      got: `a second claim of ${s.vendor}`,
      attack: "a namespace takeover (e.g. by a compromised registry)",
      evidence: { vendor: s.vendor, claimedAt: existing.claimedAt }
    });
  }
  replayCheck(existing, s);
  thresholdCheck(s.threshold, full, s.vendor);
  const registry = new Map(config.registryKeys.map((k) => [keyIdOf(k), k]));
  for (const k of s.keys) {
    if (registry.has(k.id)) {
      throw new SignetError("KEY_UNAUTHORIZED", `the vendor claim of ${s.vendor} lists a registry key (${k.id}) as a vendor key`, {
        expected: "vendor keys distinct from the registry keys",
        got: `registry key ${k.id}`,
        attack: "a registry that would hold a vendor key (and could then forge its releases)",
        evidence: { vendor: s.vendor, keyId: k.id }
      });
    }
  }
  const authorized = new Map(registry);
  for (const k of s.keys)
    authorized.set(k.id, publicKeyFor(k));
  return {
    authorized,
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, `the vendor claim of ${s.vendor}`, config, false),
    check: (verified) => {
      if (![...registry.keys()].some((id) => verified.has(id))) {
        throw new SignetError("SIGNATURE_MISSING", `the vendor claim of ${s.vendor} is not signed by a registry key the log trusts`, {
          expected: `a signature by one of ${[...registry.keys()].join(", ") || "(no registry keys configured)"}`,
          got: `signatures by ${[...verified].join(", ")}`,
          attack: "a namespace claim the registry did not vouch for",
          evidence: { vendor: s.vendor }
        });
      }
      for (const k of s.keys) {
        if (!verified.has(k.id))
          throw missing(`the listed key ${k.id}`, k.id, `the vendor claim of ${s.vendor}`, "a claim listing a key its holder did not sign for (no proof of possession)");
      }
    },
    commit: () => {
      const v = state._newVendor(s.vendor, index, s.threshold);
      for (const k of s.keys)
        addKey(state, v, k, index, "vendor");
      v.seq = 1;
    }
  };
}
function keyAddPlan(state, s, config) {
  const index = state.size;
  const v = vendorRequired(state, s.vendor, `key-add ${s.key.id}`);
  replayCheck(v, s);
  const known = v.keys.get(s.key.id);
  if (known !== void 0) {
    throw new SignetError("KEY_EXISTS", `key ${s.key.id} was already a key of ${s.vendor} (from index ${known.from}${known.until === void 0 ? "" : `, revoked at ${known.until}`})`, {
      expected: "a key new to the vendor",
      got: `key ${s.key.id}`,
      attack: known.until === void 0 ? void 0 : "bringing back a revoked key",
      evidence: { vendor: s.vendor, keyId: s.key.id }
    });
  }
  const commit = (by) => () => {
    const w = state._writableVendor(s.vendor);
    addKey(state, w, s.key, index, by);
    w.seq++;
    if (s.breakGlass !== void 0)
      w.breakGlass.push({ index, kind: "key-add", reason: s.breakGlass.reason, time: s.time });
  };
  if (s.breakGlass !== void 0)
    return breakGlassPlan(state, s, config, commit("break-glass-key-add"));
  const authorized = new Map(currentFull(v).map((k) => [k.id, k.publicKey]));
  authorized.set(s.key.id, publicKeyFor(s.key));
  return {
    authorized,
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, `the key-add of ${s.key.id}`, config, true),
    check: (verified) => {
      if (!verified.has(s.key.id))
        throw missing(`the new key ${s.key.id}`, s.key.id, `the key-add for ${s.vendor}`, "adding a key whose holder did not sign for it (no proof of possession)");
      thresholdMet(v, verified, `the key-add of ${s.key.id}`);
    },
    commit: commit("key-add")
  };
}
function keyRevokePlan(state, s, config) {
  const index = state.size;
  const v = vendorRequired(state, s.vendor, `key-revoke ${s.keyId}`);
  replayCheck(v, s);
  const target = v.keys.get(s.keyId);
  if (target === void 0) {
    throw new SignetError("KEY_UNKNOWN", `key ${s.keyId} is not a key of ${s.vendor}`, {
      expected: `one of ${[...v.keys.keys()].join(", ")}`,
      got: s.keyId,
      evidence: { vendor: s.vendor, keyId: s.keyId }
    });
  }
  if (target.until !== void 0) {
    throw new SignetError("KEY_REVOKED", `key ${s.keyId} of ${s.vendor} was already revoked at index ${target.until}`, {
      expected: "a current key",
      got: `key valid [${target.from}, ${target.until})`,
      evidence: { vendor: s.vendor, keyId: s.keyId, from: target.from, until: target.until }
    });
  }
  const commit = (by) => () => {
    const w = state._writableVendor(s.vendor);
    const k = w.keys.get(s.keyId);
    w.keys.set(s.keyId, { ...k, until: index, revocation: { index, reason: s.reason, by } });
    w.seq++;
    if (s.breakGlass !== void 0)
      w.breakGlass.push({ index, kind: "key-revoke", reason: s.breakGlass.reason, time: s.time });
  };
  if (s.breakGlass !== void 0)
    return breakGlassPlan(state, s, config, commit("break-glass-key-revoke"));
  const authorized = new Map(currentFull(v).map((k) => [k.id, k.publicKey]));
  authorized.set(target.id, target.publicKey);
  return {
    authorized,
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, `the key-revoke of ${s.keyId}`, config, true),
    check: (verified) => {
      if (!verified.has(target.id))
        thresholdMet(v, verified, `the key-revoke of ${s.keyId} (not signed by the key itself)`);
    },
    commit: commit("key-revoke")
  };
}
function policyPlan(state, s, config) {
  const index = state.size;
  const v = vendorRequired(state, s.vendor, "policy");
  replayCheck(v, s);
  thresholdCheck(s.threshold, currentFull(v).length, s.vendor);
  const commit = () => {
    const w = state._writableVendor(s.vendor);
    w.threshold = s.threshold;
    w.seq++;
    if (s.breakGlass !== void 0)
      w.breakGlass.push({ index, kind: "policy", reason: s.breakGlass.reason, time: s.time });
  };
  if (s.breakGlass !== void 0)
    return breakGlassPlan(state, s, config, commit);
  return {
    authorized: new Map(currentFull(v).map((k) => [k.id, k.publicKey])),
    unauthorized: (keyid) => unauthorizedKey(state, s.vendor, keyid, "the policy statement", config, true),
    check: (verified) => thresholdMet(v, verified, "the policy statement"),
    commit
  };
}
function currentKeys(v) {
  const m = /* @__PURE__ */ new Map();
  for (const k of v.keys.values())
    if (k.until === void 0)
      m.set(k.id, k.publicKey);
  return m;
}
function findRelease(state, pkg, version, what) {
  const r = state._vendor(vendorOf(pkg))?.packages.get(pkg)?.get(version);
  if (r === void 0) {
    throw new SignetError("RELEASE_UNKNOWN", `${what}: ${pkg}@${version} has no release in the log`, {
      expected: `a release entry for ${pkg}@${version}`,
      got: "none",
      evidence: { package: pkg, version }
    });
  }
  return r;
}
function releasePlan(state, s, config) {
  const index = state.size;
  const vendor = vendorOf(s.package);
  const v = vendorRequired(state, vendor, `release ${s.package}@${s.version}`);
  const identity = versionIdentity(s.version);
  const sameVersion = v.identities.get(s.package)?.get(identity);
  const prior = sameVersion === void 0 ? void 0 : v.packages.get(s.package)?.get(sameVersion);
  if (prior !== void 0) {
    const same = prior.version === s.version ? "" : ` as ${prior.version}, the same version to Composer`;
    throw new SignetError("RELEASE_EXISTS", `${s.package}@${s.version} was already released${same} at index ${prior.index}${prior.revoked ? " (and revoked; a revoked version is not reusable)" : ""}`, {
      expected: "a version never released before",
      got: `${s.package}@${s.version} (tagged ${JSON.stringify(s.prettyVersion)})`,
      attack: "a second, different artifact under a version users already trust",
      evidence: { package: s.package, version: s.version, releasedAt: prior.index }
    });
  }
  return {
    authorized: currentKeys(v),
    unauthorized: (keyid) => unauthorizedKey(state, vendor, keyid, `the release of ${s.package}@${s.version}`, config, false),
    check: () => void 0,
    commit: (verified) => {
      const w = state._writableVendor(vendor);
      let versions = w.packages.get(s.package);
      if (versions === void 0)
        w.packages.set(s.package, versions = /* @__PURE__ */ new Map());
      let ids = w.identities.get(s.package);
      if (ids === void 0)
        w.identities.set(s.package, ids = /* @__PURE__ */ new Map());
      ids.set(identity, s.version);
      versions.set(s.version, {
        package: s.package,
        version: s.version,
        prettyVersion: s.prettyVersion,
        index,
        keyId: verified[0],
        subjects: s.subjects,
        h1: s.h1,
        source: s.source,
        composerJson: s.composerJson,
        time: s.time,
        attestations: []
      });
    }
  };
}
function releaseRevokePlan(state, s, config) {
  const index = state.size;
  const vendor = vendorOf(s.package);
  const r = findRelease(state, s.package, s.version, "release-revoke");
  if (r.revoked !== void 0) {
    throw new SignetError("RELEASE_ALREADY_REVOKED", `${s.package}@${s.version} was already revoked at index ${r.revoked.index}`, {
      expected: "a release not yet revoked",
      got: `revoked at index ${r.revoked.index}`,
      evidence: { package: s.package, version: s.version, revokedAt: r.revoked.index }
    });
  }
  const v = state._vendor(vendor);
  return {
    authorized: currentKeys(v),
    unauthorized: (keyid) => unauthorizedKey(state, vendor, keyid, `the revocation of ${s.package}@${s.version}`, config, false),
    check: () => void 0,
    commit: (verified) => {
      const w = state._writableVendor(vendor);
      const versions = w.packages.get(s.package);
      versions.set(s.version, { ...r, revoked: { index, keyId: verified[0], reason: s.reason, time: s.time } });
    }
  };
}
function attestationPlan(state, s, config) {
  void config;
  const index = state.size;
  const r = findRelease(state, s.package, s.version, `${s.attestation} attestation`);
  for (const [i, sub] of s.subjects.entries()) {
    const rs = r.subjects.find((x) => x.name === sub.name);
    if (rs === void 0 || rs.digest.sha256 !== sub.digest.sha256 || sub.digest.sha1 !== void 0 && rs.digest.sha1 !== sub.digest.sha1) {
      throw new SignetError("RELEASE_DIGEST_MISMATCH", `the attestation's subject ${JSON.stringify(sub.name)} does not match the release ${s.package}@${s.version}`, {
        expected: r.subjects.map((x) => `${x.name} sha256:${x.digest.sha256}`).join(", "),
        got: `${sub.name} sha256:${sub.digest.sha256}${sub.digest.sha1 === void 0 ? "" : ` sha1:${sub.digest.sha1}`}`,
        attack: "an attestation about different bytes presented as one about this release",
        evidence: { field: `subject[${i}]`, package: s.package, version: s.version }
      });
    }
  }
  const dup = r.attestations.find((a) => a.keyId === s.attester.id && a.attestation === s.attestation);
  if (dup !== void 0) {
    throw new SignetError("STATEMENT_REPLAYED", `key ${s.attester.id} already attested ${s.attestation} for ${s.package}@${s.version} at index ${dup.index}`, {
      expected: "one attestation of each kind per attester and release",
      got: `a second ${s.attestation} by ${s.attester.id}`,
      attack: "a replayed attestation (inflating a count)",
      evidence: { package: s.package, version: s.version, keyId: s.attester.id, index: dup.index }
    });
  }
  const vendor = vendorOf(s.package);
  return {
    authorized: /* @__PURE__ */ new Map([[s.attester.id, publicKeyFor(s.attester)]]),
    unauthorized: (keyid) => new SignetError("KEY_UNAUTHORIZED", `the attestation names attester ${s.attester.id} but is signed by ${keyid}`, {
      expected: `a signature by the attester ${s.attester.id} only`,
      got: `key ${keyid}`,
      attack: "an attestation credited to a key that did not sign it",
      evidence: { keyId: keyid, attester: s.attester.id }
    }),
    check: () => void 0,
    commit: () => {
      const w = state._writableVendor(vendor);
      const versions = w.packages.get(s.package);
      const cur = versions.get(s.version);
      versions.set(s.version, {
        ...cur,
        attestations: [
          ...cur.attestations,
          {
            index,
            attestation: s.attestation,
            keyId: s.attester.id,
            public: s.attester.public,
            subjects: s.subjects,
            ...s.note === void 0 ? {} : { note: s.note },
            time: s.time
          }
        ]
      });
    }
  };
}
function plan(state, entry, config) {
  const s = entry.statement;
  switch (s.kind) {
    case "vendor":
      return vendorPlan(state, s, config);
    case "key-add":
      return keyAddPlan(state, s, config);
    case "key-revoke":
      return keyRevokePlan(state, s, config);
    case "policy":
      return policyPlan(state, s, config);
    case "release":
      return releasePlan(state, s, config);
    case "release-revoke":
      return releaseRevokePlan(state, s, config);
    case "attestation":
      return attestationPlan(state, s, config);
  }
}
function checkTime(s, now) {
  const t = parseTime(s.time);
  const skew = t - now.getTime();
  if (Math.abs(skew) > MAX_TIME_SKEW_MS) {
    throw new SignetError("TIME_SKEW", `the statement's time ${s.time} is ${Math.round(Math.abs(skew) / 1e3)} s ${skew < 0 ? "behind" : "ahead of"} the log's clock`, {
      expected: `within ${MAX_TIME_SKEW_MS / 6e4} minutes of ${now.toISOString()}`,
      got: s.time,
      attack: "a statement signed long ago and held back (or pre-dated), e.g. by a thief of an old key",
      hint: "check the signing machine's clock and sign again"
    });
  }
}
function applyInPlace(state, entry, config, opts = {}) {
  if (opts.now !== void 0)
    checkTime(entry.statement, opts.now);
  const p = plan(state, entry, config);
  const verify = opts.verify ?? defaultVerify;
  const seen = /* @__PURE__ */ new Set();
  const order = [];
  for (const sig of entry.envelope.signatures) {
    if (seen.has(sig.keyid)) {
      throw new SignetError("SIGNATURE_DUPLICATE", `the envelope has two signatures with keyid ${sig.keyid}`, {
        expected: "one signature per key",
        got: `keyid ${sig.keyid} twice`,
        evidence: { keyId: sig.keyid }
      });
    }
    seen.add(sig.keyid);
    const publicKey = p.authorized.get(sig.keyid);
    if (publicKey === void 0)
      throw p.unauthorized(sig.keyid);
    const signature = decodeCanonicalBase64(sig.sig);
    if (signature === void 0 || !verify(publicKey, entry.pae, signature)) {
      throw new SignetError("SIGNATURE_INVALID", `the signature by ${sig.keyid} does not verify over this entry`, {
        expected: `a valid Ed25519 signature by ${sig.keyid} over the DSSE PAE`,
        got: `an invalid signature (${signature?.length ?? 0} bytes)`,
        attack: "an altered statement (payload changed after signing) or a forged signature",
        evidence: { keyId: sig.keyid }
      });
    }
    order.push(sig.keyid);
  }
  p.check(seen);
  p.commit(order);
  state._advance();
}
var MAX_TIME_SKEW_MS, defaultVerify;
var init_rules = __esm({
  "dist/src/ledger/rules.js"() {
    "use strict";
    init_errors();
    init_base64();
    init_keys();
    init_entry();
    init_names();
    init_state();
    init_statements();
    MAX_TIME_SKEW_MS = 5 * 60 * 1e3;
    defaultVerify = (publicKey, message, signature) => publicKey.verify(message, signature);
  }
});

// dist/src/ledger/index.js
var init_ledger = __esm({
  "dist/src/ledger/index.js"() {
    "use strict";
    init_names();
    init_statements();
    init_entry();
    init_state();
    init_rules();
  }
});

// dist/src/tlog/hash.js
function leafHash(entry) {
  if (oneShot === void 0)
    return (0, import_node_crypto4.createHash)("sha256").update(LEAF_PREFIX).update(entry).digest();
  if (entry.length + 1 > leafScratch.length)
    leafScratch = Buffer.allocUnsafe(Math.max(entry.length + 1, leafScratch.length * 2));
  leafScratch[0] = 0;
  leafScratch.set(entry, 1);
  return oneShot("sha256", leafScratch.subarray(0, entry.length + 1), "buffer");
}
function nodeHash(left, right) {
  if (oneShot === void 0 || left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return (0, import_node_crypto4.createHash)("sha256").update(NODE_PREFIX).update(left).update(right).digest();
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return oneShot("sha256", nodeScratch, "buffer");
}
function checkHash(h, what) {
  if (h.length !== HASH_SIZE) {
    throw new SignetError("HASH_SIZE_INVALID", `${what} is ${h.length} bytes, not a SHA-256 hash`, {
      expected: `${HASH_SIZE} bytes`,
      got: `${h.length} bytes`
    });
  }
}
function hashEqual(a, b) {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
function b64(h) {
  return Buffer.from(h.buffer, h.byteOffset, h.length).toString("base64");
}
var nodeCrypto, import_node_crypto4, HASH_SIZE, LEAF_PREFIX, NODE_PREFIX, EMPTY_ROOT, oneShot, nodeScratch, leafScratch;
var init_hash = __esm({
  "dist/src/tlog/hash.js"() {
    "use strict";
    nodeCrypto = __toESM(require("node:crypto"), 1);
    import_node_crypto4 = require("node:crypto");
    init_errors();
    HASH_SIZE = 32;
    LEAF_PREFIX = Buffer.from([0]);
    NODE_PREFIX = Buffer.from([1]);
    EMPTY_ROOT = (0, import_node_crypto4.createHash)("sha256").digest();
    oneShot = nodeCrypto.hash;
    nodeScratch = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
    nodeScratch[0] = 1;
    leafScratch = Buffer.allocUnsafe(1024);
  }
});

// dist/src/tlog/tree.js
function splitPoint(n) {
  let k = 1;
  while (k * 2 < n)
    k *= 2;
  return k;
}
function isPowerOfTwo(n) {
  if (n < 1 || !Number.isSafeInteger(n))
    return false;
  if (n <= 1073741824)
    return (n & n - 1) === 0;
  return Number.isInteger(Math.log2(n)) && 2 ** Math.log2(n) === n;
}
function subtreeHash(reader, lo, hi) {
  const n = hi - lo;
  if (n <= 0)
    return EMPTY_ROOT;
  if (isPowerOfTwo(n) && lo % n === 0)
    return reader.hashAt(Math.log2(n), lo / n);
  const k = splitPoint(n);
  return nodeHash(subtreeHash(reader, lo, lo + k), subtreeHash(reader, lo + k, hi));
}
function rootAt(reader, size) {
  return subtreeHash(reader, 0, size);
}
function checkSize(size, max) {
  if (!Number.isSafeInteger(size) || size < 0 || size > max) {
    throw new SignetError("INDEX_OUT_OF_RANGE", `tree size ${size} is out of range`, {
      expected: `0..${max}`,
      got: String(size)
    });
  }
}
var INITIAL_CAPACITY, Level, MerkleTree;
var init_tree = __esm({
  "dist/src/tlog/tree.js"() {
    "use strict";
    init_hash();
    init_errors();
    INITIAL_CAPACITY = 1024;
    Level = class {
      buf = Buffer.allocUnsafe(INITIAL_CAPACITY * HASH_SIZE);
      count = 0;
      push(h) {
        if ((this.count + 1) * HASH_SIZE > this.buf.length) {
          const bigger = Buffer.allocUnsafe(this.buf.length * 2);
          this.buf.copy(bigger, 0, 0, this.count * HASH_SIZE);
          this.buf = bigger;
        }
        this.buf.set(h, this.count * HASH_SIZE);
        this.count++;
      }
      /** A view of slot i; slots never change once written, so the view stays valid. */
      get(i) {
        return this.buf.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
      }
    };
    MerkleTree = class {
      levels = [new Level()];
      get size() {
        return this.levels[0].count;
      }
      /** Appends a leaf by its leaf hash (see `leafHash`); returns its index. */
      appendLeafHash(h) {
        checkHash(h, "leaf hash");
        const index = this.size;
        this.levels[0].push(h);
        let i = index;
        let level = 0;
        while (i % 2 === 1) {
          const below = this.levels[level];
          const parent = nodeHash(below.get(i - 1), below.get(i));
          level++;
          if (this.levels.length === level)
            this.levels.push(new Level());
          this.levels[level].push(parent);
          i = (i - 1) / 2;
        }
        return index;
      }
      hashAt(level, index) {
        const l = this.levels[level];
        if (l === void 0 || !Number.isInteger(index) || index < 0 || index >= l.count) {
          throw new SignetError("INDEX_OUT_OF_RANGE", `no stored hash at level ${level} index ${index}`, {
            expected: `a complete subtree of a tree of size ${this.size}`,
            got: `level ${level}, index ${index}`
          });
        }
        return l.get(index);
      }
      leafHashAt(index) {
        return this.hashAt(0, index);
      }
      /** Root at any size up to the current one. */
      root(size = this.size) {
        checkSize(size, this.size);
        return rootAt(this, size);
      }
    };
  }
});

// dist/src/tlog/proof.js
function u64(v, what) {
  const b = typeof v === "bigint" ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n;
  if (b < 0n || b > MAX_UINT64) {
    throw new SignetError("INDEX_OUT_OF_RANGE", `${what} ${String(v)} is not a 64-bit unsigned integer`, {
      expected: `0..${MAX_UINT64}`,
      got: String(v)
    });
  }
  return b;
}
function inclusionProof(reader, index, size, rightEdge) {
  checkSize(size, Number.MAX_SAFE_INTEGER);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new SignetError("INDEX_OUT_OF_RANGE", `leaf index ${index} is not in a tree of size ${size}`, {
      expected: `0..${size - 1}`,
      got: String(index)
    });
  }
  const proof = [];
  const path2 = (m, lo, hi) => {
    const n = hi - lo;
    if (n === 1)
      return;
    const k = splitPoint(n);
    if (m < k) {
      path2(m, lo, lo + k);
      if (rightEdge !== void 0 && hi === size) {
        let h = rightEdge.get(lo + k);
        if (h === void 0)
          rightEdge.set(lo + k, h = subtreeHash(reader, lo + k, hi));
        proof.push(h);
      } else {
        proof.push(subtreeHash(reader, lo + k, hi));
      }
    } else {
      path2(m - k, lo + k, hi);
      proof.push(subtreeHash(reader, lo, lo + k));
    }
  };
  path2(index, 0, size);
  return proof;
}
function inclusionFailure(reason, details) {
  return new SignetError("INCLUSION_PROOF_INVALID", `inclusion proof does not verify: ${reason}`, {
    attack: "an entry claimed to be in the log that the signed tree does not contain",
    evidence: details
  });
}
function rootFromInclusionProof(index, size, leaf, proof) {
  const m = u64(index, "leaf index");
  const n = u64(size, "tree size");
  checkHash(leaf, "leaf hash");
  proof.forEach((p, i) => checkHash(p, `proof element ${i}`));
  if (m >= n) {
    throw inclusionFailure(`leaf index ${m} is not below tree size ${n}`, { index: String(m), size: String(n) });
  }
  let fn = m;
  let sn = n - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      throw inclusionFailure("proof is longer than the path to the root", { proofLength: proof.length });
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw inclusionFailure("proof is shorter than the path to the root", { proofLength: proof.length });
  }
  return r;
}
function verifyInclusion(index, size, leaf, proof, root) {
  checkHash(root, "root hash");
  const got = rootFromInclusionProof(index, size, leaf, proof);
  if (!hashEqual(got, root)) {
    throw new SignetError("INCLUSION_PROOF_INVALID", `inclusion proof of leaf ${index} at size ${size} leads to another root`, {
      expected: b64(root),
      got: b64(got),
      attack: "an entry claimed to be in the log that the signed tree does not contain",
      evidence: { index: String(index), size: String(size), leafHash: b64(leaf) }
    });
  }
}
function consistencyFailure(reason, evidence, expected, got) {
  return new SignetError("CONSISTENCY_PROOF_INVALID", `consistency proof does not verify: ${reason}`, {
    attack: "a log that rewrote its history (a fork or a split view)",
    evidence,
    ...expected === void 0 ? {} : { expected },
    ...got === void 0 ? {} : { got }
  });
}
function verifyConsistency(size1, size2, root1, root2, proof) {
  const m = u64(size1, "size1");
  const n = u64(size2, "size2");
  const pr = proof ?? [];
  const ev = { size1: String(m), size2: String(n), proofLength: pr.length };
  if (m > n)
    throw consistencyFailure(`size1 ${m} is larger than size2 ${n}`, ev);
  if (m === 0n) {
    throw consistencyFailure("a consistency proof from the empty tree is meaningless", ev);
  }
  if (m === n) {
    if (pr.length > 0)
      throw consistencyFailure("sizes are equal but the proof is not empty", ev);
    if (!hashEqual(root1, root2)) {
      throw consistencyFailure("sizes are equal but the roots differ", ev, b64(root1), b64(root2));
    }
    return;
  }
  checkHash(root1, "root1");
  checkHash(root2, "root2");
  pr.forEach((p, i) => checkHash(p, `proof element ${i}`));
  if (pr.length === 0)
    throw consistencyFailure("the proof is empty", ev);
  const path2 = [...pr];
  if ((m & m - 1n) === 0n)
    path2.unshift(root1);
  let fn = m - 1n;
  let sn = n - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path2[0];
  let sr = path2[0];
  for (let i = 1; i < path2.length; i++) {
    const c = path2[i];
    if (sn === 0n)
      throw consistencyFailure("the proof is longer than needed", ev);
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n)
    throw consistencyFailure("the proof is shorter than needed", ev);
  if (!hashEqual(fr, root1)) {
    throw consistencyFailure("the proof does not lead to the old root", ev, b64(root1), b64(fr));
  }
  if (!hashEqual(sr, root2)) {
    throw consistencyFailure("the proof does not lead to the new root", ev, b64(root2), b64(sr));
  }
}
var MAX_UINT64;
var init_proof = __esm({
  "dist/src/tlog/proof.js"() {
    "use strict";
    init_errors();
    init_hash();
    init_tree();
    MAX_UINT64 = (1n << 64n) - 1n;
  }
});

// require:better-sqlite3
var require_better_sqlite3 = __commonJS({
  "require:better-sqlite3"(exports2, module2) {
    module2.exports = require("better-sqlite3");
  }
});

// dist/src/client/log-evidence.js
var log_evidence_exports = {};
__export(log_evidence_exports, {
  forkError: () => forkError,
  ledgerBreach: () => ledgerBreach,
  rollbackError: () => rollbackError
});
function forkError(stored, served, cause) {
  return new SignetError("CHECKPOINT_FORK", "the log serves a checkpoint that is not an extension of the one accepted before", {
    attack: "a fork: the log shows different histories to different people (a split view)",
    evidence: { stored, served },
    hint: "keep both checkpoints (printed here) and report them: they prove the log misbehaved",
    ...cause === void 0 ? {} : { cause }
  });
}
function rollbackError(storedSize, stored, served, servedSize) {
  return new SignetError("CHECKPOINT_ROLLBACK", `the log now serves size ${servedSize}, smaller than the ${storedSize} accepted before`, {
    expected: `a size of at least ${storedSize}`,
    got: String(servedSize),
    attack: "a rollback: the log hides entries it had already published (e.g. a revocation)",
    evidence: { stored, served }
  });
}
function ledgerBreach(e, index, checkpoint) {
  if (!isSignetError(e))
    return e;
  return new SignetError(e.code, `log entry ${index} is in the signed log but breaks the ledger's rules: ${e.message}`, {
    ...e.details,
    attack: e.details.attack ?? "a log that admitted an entry the state machine refuses (a misbehaving or malicious log)",
    evidence: { ...e.details.evidence, index, checkpoint },
    cause: e
  });
}
var init_log_evidence = __esm({
  "dist/src/client/log-evidence.js"() {
    "use strict";
    init_errors();
  }
});

// dist/src/tlog/bundle.js
function encodeBundle(entries) {
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (e.length > MAX_ENTRY_SIZE) {
      throw new SignetError("ENTRY_TOO_LARGE", `entry ${i} is ${e.length} bytes; a bundle entry holds at most ${MAX_ENTRY_SIZE}`, {
        expected: `<= ${MAX_ENTRY_SIZE} bytes`,
        got: `${e.length} bytes`
      });
    }
    total += 2 + e.length;
  }
  const out = Buffer.allocUnsafe(total);
  let off = 0;
  for (const e of entries) {
    out.writeUInt16BE(e.length, off);
    out.set(e, off + 2);
    off += 2 + e.length;
  }
  return out;
}
function bundleOffset(data, count) {
  let off = 0;
  for (let i = 0; i < count; i++) {
    if (off + 2 > data.length)
      return -1;
    off += 2 + (data[off] << 8 | data[off + 1]);
    if (off > data.length)
      return -1;
  }
  return off;
}
function bundleHoldsAt(data, at, entries) {
  let off = at;
  for (const e of entries) {
    if (off + 2 + e.length > data.length || (data[off] << 8 | data[off + 1]) !== e.length)
      return false;
    off += 2;
    const inPlace = e.buffer === data.buffer && e.byteOffset === data.byteOffset + off;
    if (!inPlace && Buffer.compare(e, data.subarray(off, off + e.length)) !== 0)
      return false;
    off += e.length;
  }
  return true;
}
function decodeBundle(data, expected, opts = {}) {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
  const entries = [];
  let off = 0;
  while (off < buf.length) {
    if (opts.maxEntries !== void 0 && entries.length >= opts.maxEntries) {
      throw new SignetError("BUNDLE_MALFORMED", `the bundle holds more than ${opts.maxEntries} entries`, {
        expected: `at most ${opts.maxEntries} entries`,
        got: "more"
      });
    }
    if (off + 2 > buf.length) {
      throw new SignetError("BUNDLE_TRUNCATED", `entry bundle ends inside the length prefix of entry ${entries.length}`, {
        expected: "2 more bytes of length prefix",
        got: `${buf.length - off} byte(s)`,
        attack: "a truncated or altered entry bundle"
      });
    }
    const len = buf.readUInt16BE(off);
    if (off + 2 + len > buf.length) {
      throw new SignetError("BUNDLE_TRUNCATED", `entry bundle ends inside entry ${entries.length}`, {
        expected: `${len} bytes of entry`,
        got: `${buf.length - off - 2} byte(s)`,
        attack: "a truncated or altered entry bundle"
      });
    }
    entries.push(buf.subarray(off + 2, off + 2 + len));
    off += 2 + len;
  }
  if (expected !== void 0) {
    if (entries.length < expected) {
      throw new SignetError("BUNDLE_TRUNCATED", `entry bundle holds ${entries.length} entries, fewer than its width`, {
        expected: `${expected} entries`,
        got: `${entries.length} entries`,
        attack: "a truncated entry bundle (entries withheld)"
      });
    }
    if (entries.length > expected && !opts.atLeast) {
      throw new SignetError("BUNDLE_MALFORMED", `entry bundle holds ${entries.length} entries, more than its width`, {
        expected: `${expected} entries`,
        got: `${entries.length} entries`,
        attack: "an entry bundle with extra entries"
      });
    }
  }
  return entries;
}
var MAX_ENTRY_SIZE;
var init_bundle = __esm({
  "dist/src/tlog/bundle.js"() {
    "use strict";
    init_errors();
    MAX_ENTRY_SIZE = 65535;
  }
});

// dist/src/tlog/checkpoint.js
function malformed3(why, got) {
  return new SignetError("CHECKPOINT_MALFORMED", `malformed checkpoint: ${why}`, {
    expected: "origin\\n<decimal size>\\n<base64 32-byte root>\\n[extension lines\\n]",
    ...got === void 0 ? {} : { got }
  });
}
function parseCheckpoint(text2) {
  if (text2.length > MAX_CHECKPOINT_BYTES)
    throw malformed3(`longer than ${MAX_CHECKPOINT_BYTES} bytes`);
  if (!text2.endsWith("\n"))
    throw malformed3("the text does not end with a newline");
  const lines = text2.slice(0, -1).split("\n");
  if (lines.length < 3)
    throw malformed3(`${lines.length} line(s), need at least 3`, JSON.stringify(text2));
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === "")
    throw malformed3("empty origin line");
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine))
    throw malformed3("the size line is not a decimal number without leading zeros", sizeLine);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size))
    throw malformed3(`tree size ${sizeLine} is beyond 2^53, which this implementation does not handle`, sizeLine);
  const root = Buffer.from(rootLine, "base64");
  if (root.length !== HASH_SIZE || root.toString("base64") !== rootLine) {
    throw malformed3("the root line is not the base64 of a 32-byte hash", rootLine);
  }
  for (const e of extensions)
    if (e === "")
      throw malformed3("an empty extension line");
  return { origin, size, root, extensions };
}
var MAX_CHECKPOINT_BYTES;
var init_checkpoint = __esm({
  "dist/src/tlog/checkpoint.js"() {
    "use strict";
    init_errors();
    init_hash();
    MAX_CHECKPOINT_BYTES = 64 * 1024;
  }
});

// dist/src/tlog/compact.js
var CompactRange;
var init_compact = __esm({
  "dist/src/tlog/compact.js"() {
    "use strict";
    init_hash();
    CompactRange = class _CompactRange {
      visit;
      /** Roots of complete subtrees, largest (leftmost) first; their sizes are the set bits of `size`. */
      stack = [];
      size = 0;
      constructor(visit) {
        this.visit = visit;
      }
      /** A range over [0, size) from its subtree roots (as `hashes()` gave them), e.g. from a saved snapshot. */
      static restore(size, hashes2) {
        let bits = 0;
        for (let n = size; n > 0; n = Math.floor(n / 2))
          bits += n % 2;
        if (!Number.isSafeInteger(size) || size < 0 || hashes2.length !== bits || hashes2.some((h) => h.length !== 32)) {
          throw new Error(`internal: a compact range of size ${size} has ${bits} 32-byte hashes, not ${hashes2.length}`);
        }
        const r = new _CompactRange();
        r.stack.push(...hashes2.map((h) => Uint8Array.from(h)));
        r.size = size;
        return r;
      }
      /** The subtree roots, largest first (what `restore` takes). */
      hashes() {
        return [...this.stack];
      }
      append(leafHash2) {
        const index = this.size;
        this.visit?.(0, index, leafHash2);
        let h = leafHash2;
        let level = 0;
        let i = index;
        while (i % 2 === 1) {
          h = nodeHash(this.stack.pop(), h);
          level++;
          i = (i - 1) / 2;
          this.visit?.(level, i, h);
        }
        this.stack.push(h);
        this.size++;
      }
      root() {
        if (this.stack.length === 0)
          return EMPTY_ROOT;
        let h = this.stack[this.stack.length - 1];
        for (let j = this.stack.length - 2; j >= 0; j--)
          h = nodeHash(this.stack[j], h);
        return h;
      }
    };
  }
});

// dist/src/tlog/cosignature.js
function cosignatureMessage(body, timestamp) {
  const text2 = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  return Buffer.concat([Buffer.from(`cosignature/v1
time ${timestamp}
`, "utf8"), text2]);
}
function cosignatureVerifier(vkey) {
  const vk = typeof vkey === "string" ? parseVerifierKey(vkey) : vkey;
  if (vk.alg !== 1 && vk.alg !== COSIGNATURE_ALG) {
    throw new SignetError("VERIFIER_KEY_INVALID", `witness key ${vk.name} has signature type 0x${vk.alg.toString(16).padStart(2, "0")}`, {
      expected: "type 0x04 (cosignature/v1) or 0x01 (Ed25519)",
      got: `0x${vk.alg.toString(16).padStart(2, "0")}`
    });
  }
  const publicKey = Ed25519PublicKey.fromRaw(vk.publicKey);
  const hash2 = keyHash(vk.name, Buffer.concat([Buffer.from([COSIGNATURE_ALG]), publicKey.raw]));
  return {
    name: vk.name,
    keyHash: hash2,
    publicKey,
    vkey: typeof vkey === "string" ? vkey : formatVerifierKey(vk.name, publicKey, vk.alg),
    verify(text2, sig) {
      if (sig.length !== 8 + 64)
        return false;
      const ts = Buffer.from(sig.buffer, sig.byteOffset, 8).readBigUInt64BE(0);
      if (ts > MAX_TIMESTAMP)
        return false;
      return publicKey.verify(cosignatureMessage(text2, ts), sig.subarray(8));
    }
  };
}
function cosignatureTimestamp(sig) {
  if (sig.signature.length !== 8 + 64) {
    throw new SignetError("COSIGNATURE_INVALID", `cosignature by ${sig.name} is ${sig.signature.length} bytes`, {
      expected: "72 bytes (8-byte timestamp and 64-byte Ed25519 signature)",
      got: `${sig.signature.length} bytes`
    });
  }
  return sig.signature.readBigUInt64BE(0);
}
var COSIGNATURE_ALG, MAX_TIMESTAMP;
var init_cosignature = __esm({
  "dist/src/tlog/cosignature.js"() {
    "use strict";
    init_errors();
    init_ed25519();
    init_note();
    COSIGNATURE_ALG = 4;
    MAX_TIMESTAMP = (1n << 63n) - 1n;
  }
});

// dist/src/tlog/tile.js
function badPath(path2, why) {
  return new SignetError("TILE_PATH_INVALID", `not a tlog-tiles path: ${JSON.stringify(path2)} (${why})`, {
    expected: "tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], N as x001/x234/067",
    got: path2
  });
}
function encodeTileIndex(n) {
  if (!Number.isSafeInteger(n) || n < 0)
    throw badPath(String(n), "index must be a non-negative integer");
  let s = String(n % 1e3).padStart(3, "0");
  let rest = Math.floor(n / 1e3);
  while (rest > 0) {
    s = `x${String(rest % 1e3).padStart(3, "0")}/${s}`;
    rest = Math.floor(rest / 1e3);
  }
  return s;
}
function tilePath(t) {
  if (t.level !== "entries" && (!Number.isInteger(t.level) || t.level < 0 || t.level > MAX_TILE_LEVEL)) {
    throw badPath(String(t.level), `level must be 0..${MAX_TILE_LEVEL}`);
  }
  if (!Number.isInteger(t.width) || t.width < 1 || t.width > TILE_WIDTH) {
    throw badPath(String(t.width), `width must be 1..${TILE_WIDTH}`);
  }
  const partial = t.width === TILE_WIDTH ? "" : `.p/${t.width}`;
  return `tile/${t.level}/${encodeTileIndex(t.index)}${partial}`;
}
function fullTile(t) {
  return { level: t.level, index: t.index, width: TILE_WIDTH };
}
var TILE_WIDTH, MAX_TILE_LEVEL;
var init_tile = __esm({
  "dist/src/tlog/tile.js"() {
    "use strict";
    init_errors();
    TILE_WIDTH = 256;
    MAX_TILE_LEVEL = 63;
  }
});

// dist/src/tlog/audit.js
function openCheckpoint(raw, logVerifier, what = "checkpoint") {
  let note;
  try {
    note = openNote(raw, [logVerifier]);
  } catch (e) {
    if (isSignetError(e, "NOTE_SIGNATURE_INVALID")) {
      throw new SignetError("CHECKPOINT_SIGNATURE_INVALID", `the ${what}'s signature by ${logVerifier.name} does not verify`, {
        attack: "an altered or forged checkpoint",
        evidence: { note: raw },
        cause: e
      });
    }
    if (isSignetError(e, "NOTE_UNVERIFIED")) {
      throw new SignetError("CHECKPOINT_NOT_SIGNED", `the ${what} carries no signature by the trusted log key ${logVerifier.name}`, {
        expected: `a signature by ${logVerifier.name} (key ID ${hex82(logVerifier.keyHash)})`,
        got: describeSigners(raw),
        attack: "a checkpoint signed by a key the log does not own (an impostor log or a swapped key)",
        hint: "check that --key is the verifier key the log publishes",
        evidence: { note: raw },
        cause: e
      });
    }
    if (isSignetError(e, "NOTE_MALFORMED")) {
      throw new SignetError("CHECKPOINT_MALFORMED", `the ${what} is not a well-formed signed note: ${e.message}`, { evidence: { note: raw }, cause: e });
    }
    throw e;
  }
  return { note, checkpoint: parseCheckpoint(note.text) };
}
function hex82(n) {
  return (n >>> 0).toString(16).padStart(8, "0");
}
function describeSigners(raw) {
  const names = parseNote(raw).signatures.map((s) => `${s.name} (key ID ${hex82(s.keyHash)})`);
  return names.length === 0 ? "no signatures" : `signatures by ${names.join(", ")}`;
}
function checkCosignatures(raw, witnessKeys, thresholdOpt) {
  const byId = new Map(witnessKeys.map((k) => cosignatureVerifier(k)).map((v) => [`${v.name}+${hex82(v.keyHash)}`, v]));
  const verifiers = [...byId.values()];
  const threshold = thresholdOpt ?? verifiers.length;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > verifiers.length) {
    throw new SignetError("USAGE", `a witness threshold of ${threshold} with ${verifiers.length} distinct witness key(s)`, {
      expected: `0..${verifiers.length}`,
      got: String(threshold)
    });
  }
  let note;
  try {
    note = openNote(raw, verifiers);
  } catch (e) {
    if (isSignetError(e, "NOTE_SIGNATURE_INVALID")) {
      throw new SignetError("COSIGNATURE_INVALID", `a witness cosignature on the checkpoint does not verify: ${e.message}`, {
        attack: "a forged witness cosignature (a split view hidden from the witnesses)",
        evidence: { note: raw },
        cause: e
      });
    }
    if (isSignetError(e, "NOTE_UNVERIFIED")) {
      if (threshold === 0)
        return [];
      throw new SignetError("COSIGNATURE_MISSING", `the checkpoint has none of the required witness cosignatures`, {
        expected: `${threshold} of ${verifiers.map((v) => v.name).join(", ")}`,
        got: describeSigners(raw),
        attack: "a checkpoint the witnesses have not seen (a possible split view)",
        evidence: { note: raw },
        cause: e
      });
    }
    throw e;
  }
  const infos = note.sigs.map((s) => ({ name: s.name, keyHash: hex82(s.keyHash), timestamp: Number(cosignatureTimestamp(s)) }));
  if (infos.length < threshold) {
    throw new SignetError("COSIGNATURE_MISSING", `the checkpoint has ${infos.length} of the ${threshold} required witness cosignatures`, {
      expected: `${threshold} of ${verifiers.map((v) => v.name).join(", ")}`,
      got: infos.map((i) => i.name).join(", "),
      attack: "a checkpoint the witnesses have not seen (a possible split view)",
      evidence: { note: raw }
    });
  }
  return infos;
}
var MAX_NOTE_BYTES2, MAX_TILE_BYTES, MAX_BUNDLE_BYTES;
var init_audit = __esm({
  "dist/src/tlog/audit.js"() {
    "use strict";
    init_errors();
    init_note();
    init_bundle();
    init_checkpoint();
    init_compact();
    init_cosignature();
    init_hash();
    init_tile();
    MAX_NOTE_BYTES2 = 1 << 20;
    MAX_TILE_BYTES = TILE_WIDTH * HASH_SIZE;
    MAX_BUNDLE_BYTES = TILE_WIDTH * (2 + MAX_ENTRY_SIZE);
  }
});

// dist/src/client/http-get.js
function httpGet(url, maxBytes, timeoutMs) {
  return new Promise((resolve4, reject) => {
    const u = new URL(url);
    const mod = u.protocol === "https:" ? import_node_https.default : import_node_http.default;
    const agent = u.protocol === "https:" ? agents.https : agents.http;
    const req = mod.get(u, { agent, headers: { "accept-encoding": "identity" }, timeout: timeoutMs }, (res) => {
      const declared = Number(res.headers["content-length"] ?? "0");
      if (declared > maxBytes) {
        res.destroy();
        reject(new TooLarge());
        return;
      }
      const chunks = [];
      let total = 0;
      res.on("data", (c) => {
        total += c.length;
        if (total > maxBytes) {
          res.destroy();
          reject(new TooLarge());
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => resolve4({ status: res.statusCode ?? 0, body: Buffer.concat(chunks, total) }));
      res.on("error", reject);
      res.on("aborted", () => reject(new Error("the connection closed before the whole answer arrived")));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    const deadline = setTimeout(() => req.destroy(new Error(`no complete answer within ${2 * timeoutMs} ms`)), 2 * timeoutMs);
    deadline.unref();
    req.on("close", () => clearTimeout(deadline));
    req.on("error", reject);
  });
}
var import_node_http, import_node_https, TooLarge, agents;
var init_http_get = __esm({
  "dist/src/client/http-get.js"() {
    "use strict";
    import_node_http = __toESM(require("node:http"), 1);
    import_node_https = __toESM(require("node:https"), 1);
    TooLarge = class extends Error {
    };
    agents = { http: new import_node_http.default.Agent({ keepAlive: true, maxSockets: 8 }), https: new import_node_https.default.Agent({ keepAlive: true, maxSockets: 8 }) };
  }
});

// dist/src/client/light.js
async function get(url, maxBytes = MAX_JSON) {
  let res;
  try {
    res = await httpGet(url, maxBytes, 15e3);
  } catch (e) {
    if (e instanceof TooLarge)
      throw new SignetError("FETCH_FAILED", `${url} sent more than ${maxBytes} bytes`, { attack: "an oversized answer (resource exhaustion)" });
    throw new SignetError("FETCH_FAILED", `GET ${url} failed: ${e.message}`, { hint: "check the log URL in your config; the log may be down", cause: e });
  }
  if (res.status !== 200) {
    throw new SignetError("FETCH_FAILED", `GET ${url} answered HTTP ${res.status}`, {
      expected: "HTTP 200",
      got: `HTTP ${res.status}: ${res.body.subarray(0, 200).toString("utf8")}`
    });
  }
  return res.body;
}
async function getJson(url) {
  const body = await get(url);
  try {
    const o = JSON.parse(body.toString("utf8"));
    if (typeof o === "object" && o !== null && !Array.isArray(o))
      return o;
  } catch {
  }
  throw new SignetError("FETCH_FAILED", `${url} did not answer with a JSON object`, { got: JSON.stringify(body.subarray(0, 80).toString("utf8")) });
}
function hashes(v, url) {
  if (!Array.isArray(v) || v.length > 128)
    throw new SignetError("FETCH_FAILED", `${url}: the proof is not a list of hashes`);
  return v.map((h) => {
    const b = typeof h === "string" ? decodeCanonicalBase64(h) : void 0;
    if (b === void 0 || b.length !== 32)
      throw new SignetError("FETCH_FAILED", `${url}: a proof hash is not 32 bytes of base64`);
    return b;
  });
}
async function openLight(opts) {
  const base = opts.url.replace(/\/+$/, "");
  if (opts.offline && opts.stored === void 0)
    throw new SignetError("STATE_MISSING", "no checkpoint accepted yet", { hint: "run `signet sync` (needs the network) first" });
  const raw = opts.offline ? opts.stored : opts.pinned ?? (await get(`${base}/checkpoint`, 1 << 20)).toString("utf8");
  const { checkpoint } = openCheckpoint(raw, opts.verifier);
  if (!opts.offline) {
    opts.acceptCheckpoint?.(raw, checkpoint);
    if (opts.stored !== void 0)
      await checkConsistent(base, opts.verifier, opts.stored, raw, checkpoint);
  }
  const cache = new LightCache(opts.cachePath);
  try {
    let fetched = 0;
    const size = checkpoint.size;
    const vendors = [...new Set(await opts.vendors)];
    const fresh = /* @__PURE__ */ new Map();
    const fetchVendor = async (vendor) => {
      if (opts.offline || cache.lookedUpAt(vendor) === size)
        return;
      const indexes = [];
      let after;
      for (; ; ) {
        const url = `${base}/lookup/vendor/${encodeURIComponent(vendor)}?limit=10000${after === void 0 ? "" : `&after=${after}`}`;
        const o = await getJson(url);
        if (!Array.isArray(o.indexes))
          throw new SignetError("FETCH_FAILED", `${url}: no indexes`);
        const page = o.indexes;
        let last = after ?? -1;
        for (const i of page) {
          if (typeof i !== "number" || !Number.isSafeInteger(i) || i <= last) {
            throw new SignetError("LOG_CORRUPT", `${url}: the lookup answer is not a strictly increasing list of indexes`, { got: JSON.stringify(page.slice(0, 20)), attack: "a log answering lookups inconsistently" });
          }
          last = i;
          if (i < size)
            indexes.push(i);
        }
        if (page.length < 1e4 || last >= size - 1)
          break;
        after = last;
      }
      const got = [];
      for (const index of indexes) {
        if (cache.has(index))
          continue;
        const data = await get(`${base}/entry/${index}`, 7e4);
        const purl = `${base}/proof/inclusion?index=${index}&size=${size}`;
        verifyInclusion(index, size, leafHash(data), hashes((await getJson(purl)).proof, purl), checkpoint.root);
        let about;
        try {
          about = entryLookupKeys(parseEntry(data)).vendor;
        } catch {
          about = void 0;
        }
        if (about !== void 0 && about !== vendor) {
          throw new SignetError("LOG_CORRUPT", `the log listed entry ${index} under the vendor ${vendor}, but it is about ${about}`, {
            attack: "a log mixing another vendor's entries into a lookup answer",
            evidence: { index, vendor, about }
          });
        }
        got.push({ index, data });
      }
      fetched += got.length;
      fresh.set(vendor, got);
    };
    const queue = [...vendors];
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let v = queue.shift(); v !== void 0; v = queue.shift())
        await fetchVendor(v);
    }));
    const trusted = { verify: () => true };
    const vendorJson = [];
    for (const vendor of vendors) {
      const got = (fresh.get(vendor) ?? []).sort((a, b) => a.index - b.index);
      const snap = cache.vendorState(vendor);
      if (snap !== void 0 && got.length === 0) {
        vendorJson.push(JSON.parse(snap.json));
        if (!opts.offline && (snap.size !== size || cache.lookedUpAt(vendor) !== size))
          cache.save(vendor, size, [], snap.json);
        continue;
      }
      let vs;
      let apply2;
      if (snap !== void 0 && got.every((e) => e.index >= snap.size)) {
        vs = LedgerState.fromJSON({ size: snap.size, vendors: [JSON.parse(snap.json)] });
        apply2 = got.map((e) => ({ ...e, trusted: false }));
      } else {
        vs = new LedgerState();
        apply2 = [...cache.entriesOf(vendor).map((e) => ({ ...e, trusted: true })), ...got.map((e) => ({ ...e, trusted: false }))].sort((a, b) => a.index - b.index);
      }
      for (const { index, data, trusted: t } of apply2) {
        vs.skipTo(index);
        try {
          applyInPlace(vs, parseEntry(data), opts.config, t ? trusted : {});
        } catch (e) {
          throw ledgerBreach(e, index, raw);
        }
      }
      const json = vs.toJSON().vendors[0];
      if (json !== void 0)
        vendorJson.push(json);
      if (!opts.offline && (got.length > 0 || snap?.size !== size || cache.lookedUpAt(vendor) !== size)) {
        cache.save(vendor, size, got, json === void 0 ? void 0 : JSON.stringify(json));
      }
    }
    const state = LedgerState.fromJSON({ size, vendors: vendorJson });
    return {
      state,
      checkpoint: { raw, parsed: checkpoint },
      fetched,
      entry: (i) => {
        const data = cache.entry(i);
        return data === void 0 ? void 0 : parseEntry(data);
      },
      proof: async (index) => {
        const purl = `${base}/proof/inclusion?index=${index}&size=${size}`;
        const proof = hashes((await getJson(purl)).proof, purl);
        const data = cache.entry(index);
        if (data === void 0)
          throw new SignetError("INDEX_OUT_OF_RANGE", `entry ${index} is not in the local cache`);
        verifyInclusion(index, size, leafHash(data), proof, checkpoint.root);
        return proof;
      },
      vendorEntries: (vendor) => cache.entriesOf(vendor).map((e) => ({ index: e.index, entry: parseEntry(e.data) })),
      close: () => cache.close()
    };
  } catch (e) {
    cache.close();
    throw e;
  }
}
async function checkConsistent(base, verifier, storedRaw, raw, now) {
  const old = openCheckpoint(storedRaw, verifier, "stored checkpoint").checkpoint;
  if (now.size < old.size) {
    throw rollbackError(old.size, storedRaw, raw, now.size);
  }
  if (now.size === old.size) {
    if (!hashEqual(now.root, old.root))
      throw forkError(storedRaw, raw);
    return;
  }
  if (old.size === 0)
    return;
  const url = `${base}/proof/consistency?from=${old.size}&to=${now.size}`;
  const proof = hashes((await getJson(url)).proof, url);
  try {
    verifyConsistency(old.size, now.size, old.root, now.root, proof);
  } catch (e) {
    if (isSignetError(e, "CONSISTENCY_PROOF_INVALID"))
      throw forkError(storedRaw, raw, e);
    throw e;
  }
}
var import_better_sqlite3, MAX_JSON, LightCache;
var init_light = __esm({
  "dist/src/client/light.js"() {
    "use strict";
    import_better_sqlite3 = __toESM(require_better_sqlite3(), 1);
    init_errors();
    init_log_evidence();
    init_base64();
    init_ledger();
    init_audit();
    init_hash();
    init_proof();
    init_http_get();
    MAX_JSON = 4 * 1024 * 1024;
    LightCache = class {
      #db;
      #q;
      constructor(path2) {
        this.#db = new import_better_sqlite3.default(path2);
        this.#db.pragma("journal_mode = WAL");
        this.#db.exec("CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, vendor TEXT NOT NULL, data BLOB NOT NULL)");
        this.#db.exec("CREATE TABLE IF NOT EXISTS lookups (vendor TEXT PRIMARY KEY, size INTEGER NOT NULL)");
        this.#db.exec("CREATE TABLE IF NOT EXISTS vendor_state (vendor TEXT PRIMARY KEY, size INTEGER NOT NULL, json TEXT NOT NULL)");
        this.#q = {
          lookedUpAt: this.#db.prepare("SELECT size FROM lookups WHERE vendor = ?"),
          entriesOf: this.#db.prepare("SELECT idx, data FROM entries WHERE vendor = ? ORDER BY idx"),
          has: this.#db.prepare("SELECT 1 FROM entries WHERE idx = ?"),
          entry: this.#db.prepare("SELECT data FROM entries WHERE idx = ?"),
          insert: this.#db.prepare("INSERT OR REPLACE INTO entries (idx, vendor, data) VALUES (?, ?, ?)"),
          lookup: this.#db.prepare("INSERT OR REPLACE INTO lookups (vendor, size) VALUES (?, ?)"),
          vendorState: this.#db.prepare("SELECT size, json FROM vendor_state WHERE vendor = ?"),
          saveState: this.#db.prepare("INSERT OR REPLACE INTO vendor_state (vendor, size, json) VALUES (?, ?, ?)")
        };
      }
      close() {
        this.#db.close();
      }
      lookedUpAt(vendor) {
        return this.#q.lookedUpAt.get(vendor)?.size;
      }
      entriesOf(vendor) {
        return this.#q.entriesOf.all(vendor).map((r) => ({ index: r.idx, data: r.data }));
      }
      has(index) {
        return this.#q.has.get(index) !== void 0;
      }
      entry(index) {
        return this.#q.entry.get(index)?.data;
      }
      vendorState(vendor) {
        return this.#q.vendorState.get(vendor);
      }
      save(vendor, size, entries, state) {
        this.#db.transaction(() => {
          for (const e of entries)
            this.#q.insert.run(e.index, vendor, e.data);
          this.#q.lookup.run(vendor, size);
          if (state !== void 0)
            this.#q.saveState.run(vendor, size, state);
        })();
      }
    };
  }
});

// dist/src/archive/h1.js
function h1OfFiles(files) {
  const lines = [];
  for (const file of files) {
    if (file.path.includes("\n")) {
      throw new SignetError("ARCHIVE_PATH_UNSAFE", `file name ${JSON.stringify(file.path)} contains a newline`, {
        expected: "file names without a newline (Go dirhash refuses them)",
        got: JSON.stringify(file.path),
        attack: "a file name that forges a line of the h1 summary"
      });
    }
    const digest = (0, import_node_crypto5.createHash)("sha256").update(file.data).digest("hex");
    lines.push(Buffer.from(`${digest}  ${file.path}
`, "utf8"));
  }
  const keyed = lines.map((line) => ({ line, key: line.subarray(66, line.length - 1) }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  const summary = (0, import_node_crypto5.createHash)("sha256");
  for (const { line } of keyed)
    summary.update(line);
  return `h1:${summary.digest("base64")}`;
}
var import_node_crypto5;
var init_h1 = __esm({
  "dist/src/archive/h1.js"() {
    "use strict";
    import_node_crypto5 = require("node:crypto");
    init_errors();
  }
});

// dist/src/client/verify.js
var verify_exports = {};
__export(verify_exports, {
  DigestIndex: () => DigestIndex,
  archiveDigests: () => archiveDigests,
  installedH1: () => installedH1,
  verifyRelease: () => verifyRelease
});
function archiveDigests(archive) {
  return { sha256: hex2("sha256", archive), sha1: hex2("sha1", archive) };
}
function hex2(alg, b) {
  return (0, import_node_crypto6.createHash)(alg).update(b).digest("hex");
}
async function verifyRelease(state, check2, policy, opts = {}) {
  const pkg = check2.package;
  let version;
  try {
    version = normalizeVersion(check2.version);
  } catch (e) {
    throw new SignetError("VERSION_INVALID", `${pkg} ${check2.version} is not a release version`, {
      got: check2.version,
      hint: "dev versions and branches are not signed releases; skip the package in the config or require a tagged version",
      cause: e
    });
  }
  const notes = [];
  const offered = check2.archive !== void 0 ? archiveDigests(check2.archive) : check2.archiveDigests;
  const r = state.release(pkg, version);
  if (r === void 0) {
    const other = offered === void 0 ? void 0 : opts.digests?.release(offered.sha256);
    if (other !== void 0)
      throw mixAndMatch(pkg, check2.version, other);
    throw new SignetError("RELEASE_NOT_IN_LOG", `${pkg} ${check2.version} is not in the transparency log`, {
      expected: `a release entry for ${pkg} ${version}`,
      got: state.vendor(vendorOf(pkg)) === void 0 ? `no entry at all for the vendor ${vendorOf(pkg)}` : `releases of ${pkg}: ${state.releasesOf(pkg).map((x) => x.prettyVersion).join(", ") || "none"}`,
      attack: "a release published outside the log (a compromised registry serving a version the vendor never signed, or a targeted release hidden from everyone else)",
      hint: "run `signet sync` if the release is brand new; otherwise do not install it",
      evidence: { package: pkg, version, logSize: state.size }
    });
  }
  const subject = r.subjects[0];
  if (r.revoked !== void 0) {
    throw new SignetError("RELEASE_REVOKED", `${pkg} ${r.prettyVersion} was revoked by its vendor: ${r.revoked.reason}`, {
      attack: "installing a release its vendor withdrew (e.g. a compromised build)",
      hint: "update to another version",
      evidence: { releaseIndex: r.index, revocationIndex: r.revoked.index, reason: r.revoked.reason }
    });
  }
  checkBreakGlass(state, r, policy.breakGlass, opts.now ?? /* @__PURE__ */ new Date(), notes);
  if (offered !== void 0) {
    const match = r.subjects.find((s) => s.digest.sha256 === offered.sha256);
    if (match === void 0 || match.digest.sha1 !== offered.sha1) {
      const other = opts.digests?.release(offered.sha256);
      if (other !== void 0 && (other.package !== pkg || other.version !== version))
        throw mixAndMatch(pkg, check2.version, other);
      throw new SignetError("ARCHIVE_DIGEST_MISMATCH", `the archive of ${pkg} ${r.prettyVersion} is not the one its vendor signed`, {
        expected: r.subjects.map((s) => `sha256:${s.digest.sha256}`).join(", "),
        got: `sha256:${offered.sha256}`,
        attack: "a tampered archive (altered on the registry, a mirror, a CDN or in transit)",
        evidence: { releaseIndex: r.index }
      });
    }
  }
  if (check2.sha1 !== void 0 && !r.subjects.some((s) => s.digest.sha1 === check2.sha1.toLowerCase())) {
    throw new SignetError("LOCK_SHASUM_MISMATCH", `composer.lock pins ${pkg} ${r.prettyVersion} to an archive its vendor did not sign`, {
      expected: subject.digest.sha1,
      got: check2.sha1,
      attack: "a lock file or metadata pointing at other bytes than the signed release",
      evidence: { releaseIndex: r.index }
    });
  }
  if (check2.installedDir !== void 0) {
    const h1 = await installedH1(check2.installedDir);
    if (h1 !== r.h1) {
      throw new SignetError("INSTALLED_FILES_ALTERED", `the files of ${pkg} under ${check2.installedDir} are not the signed release`, {
        expected: r.h1,
        got: h1,
        attack: "installed code altered after the download (or installed from another source)",
        hint: `reinstall it: rm -rf ${check2.installedDir} && composer install`,
        evidence: { releaseIndex: r.index }
      });
    }
  }
  checkAttestations(r, policy, notes);
  return {
    package: pkg,
    version,
    prettyVersion: r.prettyVersion,
    index: r.index,
    keyId: r.keyId,
    h1: r.h1,
    sha256: subject.digest.sha256,
    sha1: subject.digest.sha1,
    commit: r.source.reference,
    attestations: r.attestations.length,
    notes
  };
}
function mixAndMatch(pkg, version, other) {
  return new SignetError("PACKAGE_MISMATCH", `the archive offered as ${pkg} ${version} is the signed archive of ${other.package} ${other.prettyVersion}`, {
    expected: `an archive of ${pkg} ${version}`,
    got: `${other.package} ${other.prettyVersion} (log index ${other.index})`,
    attack: "mix-and-match: metadata pointing one package at another package's genuine archive",
    evidence: { otherIndex: other.index }
  });
}
function checkBreakGlass(state, r, policy, now, notes) {
  const vendor = vendorOf(r.package);
  const key2 = state.key(vendor, r.keyId);
  if (key2 === void 0 || !key2.addedBy.startsWith("break-glass"))
    return;
  const action = state.breakGlassActions(vendor).find((a) => a.index === key2.from);
  const what = `the key ${r.keyId} that signed ${r.package} ${r.prettyVersion} was installed by the core break-glass key at log index ${key2.from}${action ? ` (${action.reason})` : ""}`;
  if (policy.policy === "accept") {
    notes.push(`break-glass: ${what}; accepted by policy`);
    return;
  }
  if (policy.policy === "notice" && action !== void 0) {
    const until = new Date(Date.parse(action.time) + policy.noticeDays * 864e5);
    if (now >= until) {
      notes.push(`break-glass: ${what}; its ${policy.noticeDays}-day notice period ended ${until.toISOString()}`);
      return;
    }
    throw new SignetError("BREAK_GLASS_REFUSED", `${what}, and its ${policy.noticeDays}-day notice period runs until ${until.toISOString()}`, {
      attack: "a vendor key replaced by the core break-glass key, used before anyone could object",
      hint: "wait for the notice period, check the vendor announced it, or change breakGlass in your config",
      evidence: { keyFrom: key2.from, action }
    });
  }
  throw new SignetError("BREAK_GLASS_REFUSED", `${what}, and your policy refuses break-glass keys`, {
    attack: "a vendor key replaced by the core break-glass key (a takeover the vendor did not sign)",
    hint: 'if the vendor confirms the recovery, set breakGlass to "accept" or {"noticeDays": N} in your config',
    evidence: { keyFrom: key2.from, ...action === void 0 ? {} : { action } }
  });
}
function checkAttestations(r, policy, notes) {
  const against = r.attestations.filter((a) => a.attestation === "vote-against");
  if (against.length > 0) {
    const who = [...new Set(against.map((a) => a.keyId))];
    if (policy.attestations.voteAgainst === "reject") {
      throw new SignetError("ATTESTATION_VOTE_AGAINST", `${r.package} ${r.prettyVersion} has ${who.length} vote(s) against it`, {
        attack: "a release reviewers flagged as malicious or broken",
        evidence: { votes: against.map((a) => ({ index: a.index, keyId: a.keyId, note: a.note ?? null })) },
        hint: 'read the notes with `signet explain`; set attestations.voteAgainst to "ignore" to accept anyway'
      });
    }
    notes.push(`${who.length} vote(s) against (ignored by policy)`);
  }
  for (const req of policy.attestations.require) {
    const n = new Set(r.attestations.filter((a) => a.attestation === req.kind).map((a) => a.keyId)).size;
    if (n < req.min) {
      throw new SignetError("ATTESTATION_POLICY_UNMET", `${r.package} ${r.prettyVersion} has ${n} distinct "${req.kind}" attestation(s); your policy requires ${req.min}`, {
        expected: `at least ${req.min}`,
        got: String(n),
        hint: "wait for rebuilders/reviewers, or lower attestations.require in your config"
      });
    }
  }
}
async function installedH1(dir) {
  const files = [];
  const walk = (rel) => {
    for (const d of (0, import_node_fs.readdirSync)((0, import_node_path.join)(dir, rel), { withFileTypes: true })) {
      const p = rel === "" ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory())
        walk(p);
      else if (d.isFile())
        files.push({ path: p, data: (0, import_node_fs.readFileSync)((0, import_node_path.join)(dir, p)) });
      else
        throw new SignetError("INSTALLED_FILES_ALTERED", `${(0, import_node_path.join)(dir, p)} is not a regular file`, { attack: "a symlink or special file planted in an installed package" });
    }
  };
  try {
    walk("");
  } catch (e) {
    if (e instanceof SignetError)
      throw e;
    throw new SignetError("INSTALLED_FILES_ALTERED", `cannot read the installed files under ${dir}: ${e.message}`, {
      hint: "run composer install first, or verify without --installed",
      cause: e
    });
  }
  return h1OfFiles(files);
}
var import_node_crypto6, import_node_fs, import_node_path, DigestIndex;
var init_verify = __esm({
  "dist/src/client/verify.js"() {
    "use strict";
    import_node_crypto6 = require("node:crypto");
    import_node_fs = require("node:fs");
    import_node_path = require("node:path");
    init_errors();
    init_ledger();
    init_h1();
    DigestIndex = class {
      source;
      #bySha256;
      constructor(source) {
        this.source = source;
      }
      release(sha256) {
        if (this.#bySha256 === void 0) {
          const state = typeof this.source === "function" ? this.source() : this.source;
          this.#bySha256 = /* @__PURE__ */ new Map();
          for (const vendor of state.vendors()) {
            for (const pkg of state.packagesOf(vendor)) {
              for (const r of state.releasesOf(pkg))
                for (const s of r.subjects)
                  this.#bySha256.set(s.digest.sha256, r);
            }
          }
        }
        return this.#bySha256.get(sha256);
      }
    };
  }
});

// dist/src/client/quorum.js
async function fetchCheckpoint(url, verifier) {
  const res = await httpGet(`${url}/checkpoint`, 1 << 20, 1e4);
  if (res.status !== 200)
    throw new SignetError("FETCH_FAILED", `${url}/checkpoint answered HTTP ${res.status}`);
  const raw = res.body.toString("utf8");
  return { url, raw, cp: openCheckpoint(raw, verifier, `checkpoint served by ${url}`).checkpoint };
}
async function consistencyProof(url, from, to) {
  const res = await httpGet(`${url}/proof/consistency?from=${from}&to=${to}`, 1 << 20, 1e4);
  if (res.status !== 200)
    throw new SignetError("FETCH_FAILED", `${url} gave no consistency proof from ${from} to ${to} (HTTP ${res.status})`);
  let o;
  try {
    o = JSON.parse(res.body.toString("utf8"));
  } catch {
    throw new SignetError("FETCH_FAILED", `${url}: the consistency proof is not JSON`);
  }
  if (!Array.isArray(o.proof))
    throw new SignetError("FETCH_FAILED", `${url}: the consistency proof is not a list`);
  return o.proof.map((h) => {
    const b = typeof h === "string" ? decodeCanonicalBase64(h) : void 0;
    if (b === void 0 || b.length !== 32)
      throw new SignetError("FETCH_FAILED", `${url}: a consistency proof hash is malformed`);
    return b;
  });
}
function disagreement(a, b, cause) {
  return new SignetError("CHECKPOINT_FORK", `${b.url} and ${a.url} serve two histories of the log that cannot both be true`, {
    attack: "a split view: different parties are shown different logs (one of these sources lies)",
    evidence: { [a.url]: a.raw, [b.url]: b.raw },
    hint: "keep both checkpoints (printed here) and report them to the log operator and the witnesses",
    ...cause === void 0 ? {} : { cause }
  });
}
async function checkQuorum(urls, verifier, quorum) {
  const answers = await Promise.allSettled(urls.map((u) => fetchCheckpoint(u, verifier)));
  const seen = [];
  const unreachable = [];
  answers.forEach((a, i) => {
    if (a.status === "fulfilled")
      seen.push(a.value);
    else if (isSignetError(a.reason) && a.reason.kind !== "unavailable")
      throw a.reason;
    else
      unreachable.push({ url: urls[i], problem: a.reason.message });
  });
  if (seen.length === 0) {
    throw new SignetError("FETCH_FAILED", `none of the log's sources answered: ${unreachable.map((u) => `${u.url} (${u.problem})`).join("; ")}`, {
      hint: "check the log and mirror URLs in your config"
    });
  }
  const largest = seen.reduce((a, b) => b.cp.size > a.cp.size ? b : a);
  const agreeing = [largest.url];
  for (const s of seen) {
    if (s === largest)
      continue;
    if (s.cp.size === largest.cp.size) {
      if (!hashEqual(s.cp.root, largest.cp.root))
        throw disagreement(largest, s);
    } else if (s.cp.size > 0) {
      let proof;
      try {
        proof = await consistencyProof(largest.url, s.cp.size, largest.cp.size);
      } catch (e) {
        if (isSignetError(e) && e.kind === "unavailable") {
          unreachable.push({ url: s.url, problem: `no consistency proof to compare it: ${e.message}` });
          continue;
        }
        throw e;
      }
      try {
        verifyConsistency(s.cp.size, largest.cp.size, s.cp.root, largest.cp.root, proof);
      } catch (e) {
        throw disagreement(largest, s, e);
      }
    }
    agreeing.push(s.url);
  }
  if (agreeing.length < quorum) {
    throw new SignetError("QUORUM_NOT_MET", `only ${agreeing.length} of the ${quorum} sources your config requires could confirm the log's view`, {
      expected: `${quorum} of ${urls.join(", ")}`,
      got: `agreeing: ${agreeing.join(", ")}; unreachable: ${unreachable.map((u) => `${u.url} (${u.problem})`).join("; ")}`,
      hint: "retry when the mirrors are back, or lower logs[].quorum"
    });
  }
  return { url: largest.url, raw: largest.raw, agreeing, unreachable };
}
var init_quorum = __esm({
  "dist/src/client/quorum.js"() {
    "use strict";
    init_errors();
    init_base64();
    init_audit();
    init_hash();
    init_proof();
    init_http_get();
  }
});

// dist/src/client/atomic-write.js
async function writeFileAtomic(path2, data, opts) {
  const dir = (0, import_node_path2.dirname)(path2);
  const tmp = (0, import_node_path2.join)(dir, `.${(0, import_node_path2.basename)(path2)}.${(0, import_node_crypto7.randomBytes)(6).toString("hex")}.tmp`);
  const fh = await (0, import_promises.open)(tmp, "wx", opts.mode);
  try {
    try {
      await fh.writeFile(data);
      await fh.chmod(opts.mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.overwrite) {
      await (0, import_promises.rename)(tmp, path2);
    } else {
      try {
        await (0, import_promises.link)(tmp, path2);
      } catch (e) {
        const code = e.code;
        if (code === "EEXIST")
          return false;
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS")
          throw e;
        const exists = await (0, import_promises.lstat)(path2).then(() => true, () => false);
        if (exists)
          return false;
        await (0, import_promises.rename)(tmp, path2);
      }
    }
  } finally {
    await (0, import_promises.unlink)(tmp).catch(() => void 0);
  }
  try {
    const d = await (0, import_promises.open)(dir, "r");
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
  }
  return true;
}
var import_node_crypto7, import_promises, import_node_path2;
var init_atomic_write = __esm({
  "dist/src/client/atomic-write.js"() {
    "use strict";
    import_node_crypto7 = require("node:crypto");
    import_promises = require("node:fs/promises");
    import_node_path2 = require("node:path");
  }
});

// dist/src/client/state.js
var state_exports = {};
__export(state_exports, {
  CHECKPOINT_FILE: () => CHECKPOINT_FILE,
  CheckpointStore: () => CheckpointStore,
  PREVIOUS_CHECKPOINT_FILE: () => PREVIOUS_CHECKPOINT_FILE,
  logDirName: () => logDirName,
  stateDir: () => stateDir
});
function stateDir() {
  const v = process.env.XDG_STATE_HOME;
  return (0, import_node_path3.join)(v !== void 0 && (0, import_node_path3.isAbsolute)(v) ? v : (0, import_node_path3.join)((0, import_node_os.homedir)(), ".local", "state"), "signet");
}
function logDirName(origin) {
  const safe = origin.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60).replace(/^\./, "_");
  const hash2 = (0, import_node_crypto8.createHash)("sha256").update(origin, "utf8").digest("hex").slice(0, 16);
  return `${safe}-${hash2}`;
}
function corrupt(path2, got) {
  return new SignetError("CHECKPOINT_MALFORMED", `the stored checkpoint ${path2} is not a signed note`, {
    expected: "the raw signed note of the last accepted checkpoint",
    got,
    hint: "the state file was damaged or replaced; move it aside and run `signet sync` again",
    evidence: { file: path2 }
  });
}
async function writeAtomic(path2, data) {
  await writeFileAtomic(path2, data, { mode: 384, overwrite: true });
}
var import_node_crypto8, import_node_fs2, import_promises2, import_node_os, import_node_path3, CHECKPOINT_FILE, PREVIOUS_CHECKPOINT_FILE, utf83, CheckpointStore;
var init_state2 = __esm({
  "dist/src/client/state.js"() {
    "use strict";
    import_node_crypto8 = require("node:crypto");
    import_node_fs2 = require("node:fs");
    import_promises2 = require("node:fs/promises");
    import_node_os = require("node:os");
    import_node_path3 = require("node:path");
    init_errors();
    init_note();
    init_checkpoint();
    init_atomic_write();
    CHECKPOINT_FILE = "checkpoint";
    PREVIOUS_CHECKPOINT_FILE = "checkpoint.prev";
    utf83 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    CheckpointStore = class {
      /** The state folder (`stateDir()` unless given). */
      dir;
      constructor(dir) {
        this.dir = dir ?? stateDir();
      }
      /** The folder of one log's state: `<dir>/logs/<logDirName(origin)>`. */
      logDir(origin) {
        return (0, import_node_path3.join)(this.dir, "logs", logDirName(origin));
      }
      /** The file holding the last accepted checkpoint of `origin` (it may not exist yet). */
      checkpointPath(origin) {
        return (0, import_node_path3.join)(this.logDir(origin), CHECKPOINT_FILE);
      }
      /** The last accepted checkpoint (raw signed note) and when it was saved (the file's mtime), or undefined. */
      async read(origin) {
        const path2 = this.checkpointPath(origin);
        let fh;
        try {
          fh = await (0, import_promises2.open)(path2, import_node_fs2.constants.O_RDONLY | import_node_fs2.constants.O_NONBLOCK);
        } catch (e) {
          const code = e.code;
          if (code === "ENOENT" || code === "ENOTDIR")
            return void 0;
          throw new SignetError("STORAGE_FAILED", `cannot read the stored checkpoint ${path2}: ${e.message}`, { cause: e, evidence: { file: path2 } });
        }
        try {
          const st = await fh.stat();
          if (!st.isFile() || st.size > MAX_NOTE_BYTES) {
            throw corrupt(path2, st.isFile() ? `${st.size} bytes, more than a signed note may have` : "not a regular file");
          }
          const buf = Buffer.alloc(MAX_NOTE_BYTES + 1);
          let n = 0;
          for (; ; ) {
            const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
            if (bytesRead === 0)
              break;
            n += bytesRead;
            if (n > MAX_NOTE_BYTES)
              throw corrupt(path2, "it grew past the size of a signed note while being read");
          }
          let raw;
          try {
            raw = utf83.decode(buf.subarray(0, n));
          } catch {
            throw corrupt(path2, "not UTF-8 text");
          }
          return { raw, savedAt: st.mtime };
        } finally {
          await fh.close();
        }
      }
      /**
       * Replaces the stored checkpoint of `origin` with `raw` atomically (temporary file, fsync, rename,
       * fsync of the folder). The replaced checkpoint, if different, is first kept as `checkpoint.prev`.
       * `raw` must be a well-formed signed checkpoint note for `origin` (it is not verified here). A stored
       * checkpoint of a larger size is kept (another process synced further meanwhile).
       */
      async write(origin, raw) {
        let checkpointOrigin;
        try {
          checkpointOrigin = parseCheckpoint(parseNote(raw).text).origin;
        } catch (e) {
          throw new SignetError("CHECKPOINT_MALFORMED", `refusing to store something that is not a signed checkpoint for ${origin}`, {
            expected: "a signed checkpoint note",
            got: e.message,
            cause: e
          });
        }
        if (checkpointOrigin !== origin) {
          throw new SignetError("CHECKPOINT_ORIGIN_MISMATCH", `refusing to store a checkpoint of ${checkpointOrigin} as the state of ${origin}`, {
            expected: origin,
            got: checkpointOrigin
          });
        }
        const dir = this.logDir(origin);
        try {
          await (0, import_promises2.mkdir)(dir, { recursive: true, mode: 448 });
          let current;
          try {
            current = await this.read(origin);
          } catch {
            await (0, import_promises2.rename)((0, import_node_path3.join)(dir, CHECKPOINT_FILE), (0, import_node_path3.join)(dir, PREVIOUS_CHECKPOINT_FILE));
          }
          if (current !== void 0 && current.raw !== raw) {
            let currentSize = -1;
            try {
              currentSize = parseCheckpoint(parseNote(current.raw).text).size;
            } catch {
              currentSize = -1;
            }
            if (currentSize > parseCheckpoint(parseNote(raw).text).size)
              return;
            await writeAtomic((0, import_node_path3.join)(dir, PREVIOUS_CHECKPOINT_FILE), current.raw);
          }
          await writeAtomic((0, import_node_path3.join)(dir, CHECKPOINT_FILE), raw);
        } catch (e) {
          if (e instanceof SignetError)
            throw e;
          throw new SignetError("STORAGE_FAILED", `cannot save the checkpoint of ${origin} in ${dir}: ${e.message}`, {
            hint: "check that the state folder is writable (XDG_STATE_HOME, default ~/.local/state)",
            cause: e,
            evidence: { folder: dir }
          });
        }
      }
    };
  }
});

// dist/src/client/config.js
var config_exports = {};
__export(config_exports, {
  DEFAULT_MAX_CHECKPOINT_AGE_SECONDS: () => DEFAULT_MAX_CHECKPOINT_AGE_SECONDS,
  MAX_COMPOSER_JSON_BYTES: () => MAX_COMPOSER_JSON_BYTES,
  MAX_CONFIG_BYTES: () => MAX_CONFIG_BYTES,
  PROJECT_CONFIG_FILE: () => PROJECT_CONFIG_FILE,
  duplicateKeys: () => duplicateKeys,
  isSkipped: () => isSkipped,
  ledgerConfigOf: () => ledgerConfigOf,
  loadTrustConfig: () => loadTrustConfig,
  mergeTrustConfig: () => mergeTrustConfig,
  parseTrustConfig: () => parseTrustConfig,
  userConfigPath: () => userConfigPath,
  verifierKeyHash: () => verifierKeyHash
});
function xdgDir(variable, fallback) {
  const v = process.env[variable];
  return v !== void 0 && (0, import_node_path4.isAbsolute)(v) ? v : (0, import_node_path4.join)((0, import_node_os2.homedir)(), ...fallback);
}
function userConfigPath() {
  return (0, import_node_path4.join)(xdgDir("XDG_CONFIG_HOME", [".config"]), "signet", "config.json");
}
function invalid3(source, field, message, details = {}) {
  const where = field === "" ? source : `${source}: ${field}`;
  return new SignetError("CONFIG_INVALID", `${where}: ${message}`, {
    ...details,
    hint: details.hint ?? 'fix the configuration file (docs/VERIFY.md, "Configuration", lists every field)',
    evidence: { file: source, ...field === "" ? {} : { field } }
  });
}
function show(v) {
  if (v === void 0)
    return "nothing";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? s.slice(0, 120) + "\u2026" : s;
}
function parseLog(r, v, field) {
  const o = r.object(v, field, ["origin", "verifierKey", "url", "mirrors", "quorum"], ["origin", "verifierKey", "url"]);
  const origin = r.string(o.origin, `${field}.origin`);
  const verifierKey = r.string(o.verifierKey, `${field}.verifierKey`);
  let name;
  try {
    name = ed25519NoteVerifier(verifierKey).name;
  } catch (e) {
    throw r.fail(`${field}.verifierKey`, `is not a valid Ed25519 note verifier key: ${e.message}`, {
      expected: "name+hex8+base64(0x01||32-byte key), as the log publishes it",
      got: show(verifierKey),
      hint: "copy the verifier key exactly as the log publishes it (signet init --registry URL does this)"
    });
  }
  if (name !== origin) {
    throw r.fail(`${field}.origin`, "is not the name of the log's verifier key", {
      expected: JSON.stringify(name),
      got: JSON.stringify(origin),
      hint: "a log signs its checkpoints under a key named after its origin; one of the two is wrong"
    });
  }
  const url = r.url(o.url, `${field}.url`);
  const mirrors = o.mirrors === void 0 ? [] : r.array(o.mirrors, `${field}.mirrors`).map((m, i) => r.url(m, `${field}.mirrors[${i}]`));
  const all = [url, ...mirrors];
  const twice = all.find((u, i) => all.indexOf(u) !== i);
  if (twice !== void 0) {
    throw r.fail(`${field}.mirrors`, "lists one URL twice (or the log itself): each source counts once toward the quorum", { got: show(twice) });
  }
  const quorum = o.quorum === void 0 ? 1 : r.integer(o.quorum, `${field}.quorum`, 1, 1 + mirrors.length);
  return { origin, verifierKey, url, mirrors, quorum };
}
function parseWitnesses(r, v) {
  const o = r.object(v, "witnesses", ["keys", "required"], ["keys", "required"]);
  const seen = /* @__PURE__ */ new Map();
  const keys = r.array(o.keys, "witnesses.keys").map((k, i) => {
    const f = `witnesses.keys[${i}]`;
    const s = r.string(k, f);
    let id;
    try {
      const c = cosignatureVerifier(s);
      id = `${c.name}+${c.keyHash}`;
    } catch (e) {
      throw r.fail(f, `is not a valid witness verifier key: ${e.message}`, {
        expected: "name+hex8+base64(0x04 or 0x01 || 32-byte key), as the witness publishes it",
        got: show(s)
      });
    }
    const before = seen.get(id);
    if (before !== void 0) {
      throw r.fail(f, `is the same witness key as witnesses.keys[${before}]`, { hint: "list each witness once: a cosignature counts once per key" });
    }
    seen.set(id, i);
    return s;
  });
  const required = r.integer(o.required, "witnesses.required", 0, MAX_LIST);
  if (required > keys.length) {
    throw r.fail("witnesses.required", `asks for ${required} cosignature(s) from ${keys.length} witness key(s)`, {
      expected: `at most ${keys.length} (the number of witness keys)`,
      got: String(required),
      hint: `add the witnesses' keys, or lower "required"; no checkpoint could ever be accepted otherwise`
    });
  }
  return { keys, required };
}
function parseBreakGlass(r, v) {
  if (v === "accept")
    return { policy: "accept" };
  if (v === "reject")
    return { policy: "reject" };
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const o = r.object(v, "breakGlass", ["noticeDays"], ["noticeDays"]);
    return { policy: "notice", noticeDays: r.integer(o.noticeDays, "breakGlass.noticeDays", 1, MAX_NOTICE_DAYS) };
  }
  throw r.fail("breakGlass", "is not a break-glass policy", { expected: '"accept", "reject" or {"noticeDays": N}', got: show(v) });
}
function parseAttestations(r, v) {
  const o = r.object(v, "attestations", ["require", "voteAgainst"]);
  const kinds = /* @__PURE__ */ new Set();
  const require2 = (o.require === void 0 ? [] : r.array(o.require, "attestations.require")).map((x, i) => {
    const f = `attestations.require[${i}]`;
    const q = r.object(x, f, ["kind", "min"], ["kind", "min"]);
    if (typeof q.kind !== "string" || !REQUIRABLE_KINDS.includes(q.kind)) {
      throw r.fail(`${f}.kind`, "is not an attestation kind that can be required", {
        expected: REQUIRABLE_KINDS.map((k) => JSON.stringify(k)).join(", ") + ' ("vote-against" is governed by attestations.voteAgainst)',
        got: show(q.kind)
      });
    }
    if (kinds.has(q.kind))
      throw r.fail(`${f}.kind`, `requires ${JSON.stringify(q.kind)} twice`, { hint: "keep one requirement per kind" });
    kinds.add(q.kind);
    return { kind: q.kind, min: r.integer(q.min, `${f}.min`, 1, MAX_LIST) };
  });
  let voteAgainst = "ignore";
  if (o.voteAgainst !== void 0) {
    if (o.voteAgainst !== "reject" && o.voteAgainst !== "ignore") {
      throw r.fail("attestations.voteAgainst", "is not a vote-against policy", { expected: '"reject" or "ignore"', got: show(o.voteAgainst) });
    }
    voteAgainst = o.voteAgainst;
  }
  return { require: require2, voteAgainst };
}
function parseSkip(r, v) {
  return r.array(v, "skip").map((p, i) => {
    const f = `skip[${i}]`;
    const s = r.string(p, f).toLowerCase();
    const parts = s.split("/");
    if (parts.length !== 2 || !parts.every((x) => SKIP_SEGMENT.test(x))) {
      throw r.fail(f, "is not a package-name pattern", {
        expected: 'vendor/name, where * matches any characters within one part (e.g. "acme-internal/*", "*/secret-*")',
        got: show(p)
      });
    }
    if (s.includes("**")) {
      throw r.fail(f, '"**" is not supported', {
        expected: 'a single "*": package names have exactly one "/", so "*" already matches a whole vendor or name',
        got: show(p)
      });
    }
    return s;
  });
}
function parseLayer(json, source, prefix) {
  const r = new Reader(source, prefix);
  const o = r.object(json, "", TOP_FIELDS);
  const layer = { source };
  if (o.logs !== void 0) {
    const logs = r.array(o.logs, "logs").map((l, i) => parseLog(r, l, `logs[${i}]`));
    if (logs.length === 0)
      throw r.fail("logs", "is empty", { expected: "at least one log", hint: "run `signet init --registry URL`, or remove the empty list" });
    const origins = /* @__PURE__ */ new Map();
    logs.forEach((l, i) => {
      const before = origins.get(l.origin);
      if (before !== void 0)
        throw r.fail(`logs[${i}].origin`, `names the same log as logs[${before}]`, { got: JSON.stringify(l.origin) });
      origins.set(l.origin, i);
    });
    layer.logs = logs;
  }
  if (o.witnesses !== void 0)
    layer.witnesses = parseWitnesses(r, o.witnesses);
  if (o.registry !== void 0) {
    const g = r.object(o.registry, "registry", ["url", "key"], ["url", "key"]);
    layer.registry = { url: r.url(g.url, "registry.url"), key: r.key(g.key, "registry.key") };
  }
  if (o.registryKeys !== void 0) {
    const keys = r.array(o.registryKeys, "registryKeys").map((k, i) => r.key(k, `registryKeys[${i}]`));
    if (keys.length === 0)
      throw r.fail("registryKeys", "is empty", { expected: "at least one key (or leave the field out to use registry.key)" });
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i)
        throw r.fail(`registryKeys[${i}]`, "is listed twice", { got: k });
    });
    layer.registryKeys = keys;
  }
  if (o.coreKey !== void 0)
    layer.coreKey = o.coreKey === null ? null : r.key(o.coreKey, "coreKey");
  if (o.breakGlass !== void 0)
    layer.breakGlass = parseBreakGlass(r, o.breakGlass);
  if (o.mode !== void 0) {
    if (o.mode !== "full" && o.mode !== "light")
      throw r.fail("mode", "is not a mode", { expected: '"full" or "light"', got: show(o.mode) });
    layer.mode = o.mode;
  }
  if (o.maxCheckpointAge !== void 0)
    layer.maxCheckpointAgeSeconds = r.integer(o.maxCheckpointAge, "maxCheckpointAge", 1, MAX_AGE_SECONDS);
  if (o.attestations !== void 0)
    layer.attestations = parseAttestations(r, o.attestations);
  if (o.skip !== void 0)
    layer.skip = parseSkip(r, o.skip);
  return layer;
}
function parseTrustConfig(json, source) {
  return parseLayer(json, source, "");
}
function mergeTrustConfig(layers) {
  const pick = (k) => {
    for (const l of layers)
      if (l[k] !== void 0)
        return { value: l[k], source: l.source };
    return void 0;
  };
  const sources = layers.map((l) => l.source);
  const where = sources.length === 0 ? "(no configuration)" : sources.join(" + ");
  const logs = pick("logs")?.value;
  if (logs === void 0) {
    throw invalid3(where, "logs", "no log is configured", {
      expected: "at least one trusted log",
      hint: "run `signet init --registry URL` to write a starter configuration from your registry"
    });
  }
  const registry = pick("registry")?.value;
  const registryKeys = pick("registryKeys")?.value ?? (registry === void 0 ? void 0 : [registry.key]);
  if (registryKeys === void 0) {
    throw invalid3(where, "registryKeys", "the ledger's registry keys are not configured", {
      expected: '"registryKeys", or "registry" (whose key is then the only one)',
      hint: "the verifier checks vendor claims against the registry keys the log trusts; `signet init --registry URL` writes them"
    });
  }
  const coreKey = pick("coreKey")?.value ?? void 0;
  return {
    logs,
    witnesses: pick("witnesses")?.value ?? { keys: [], required: 0 },
    ...registry === void 0 ? {} : { registry },
    registryKeys,
    ...coreKey === void 0 ? {} : { coreKey },
    breakGlass: pick("breakGlass")?.value ?? { policy: "reject" },
    mode: pick("mode")?.value ?? "light",
    maxCheckpointAgeSeconds: pick("maxCheckpointAgeSeconds")?.value ?? DEFAULT_MAX_CHECKPOINT_AGE_SECONDS,
    attestations: pick("attestations")?.value ?? { require: [], voteAgainst: "ignore" },
    skip: pick("skip")?.value ?? [],
    sources
  };
}
async function readCapped(path2, maxBytes, required) {
  let fd;
  try {
    fd = (0, import_node_fs3.openSync)(path2, import_node_fs3.constants.O_RDONLY | import_node_fs3.constants.O_NONBLOCK);
  } catch (e) {
    const code = e.code;
    if (!required && (code === "ENOENT" || code === "ENOTDIR"))
      return void 0;
    throw invalid3(path2, "", code === "ENOENT" ? "the file does not exist" : `cannot be read: ${e.message}`, {
      hint: code === "ENOENT" ? "check the path given to --config" : "check the file's permissions"
    });
  }
  try {
    const st = (0, import_node_fs3.fstatSync)(fd);
    if (!st.isFile())
      throw invalid3(path2, "", "is not a regular file", { got: st.isDirectory() ? "a directory" : "a special file" });
    if (st.size > maxBytes)
      throw invalid3(path2, "", `is larger than ${maxBytes} bytes`, { expected: `at most ${maxBytes} bytes`, got: `${st.size} bytes` });
    let buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (; ; ) {
      if (n === buf.length) {
        if (n > maxBytes)
          throw invalid3(path2, "", `is larger than ${maxBytes} bytes`, { expected: `at most ${maxBytes} bytes`, got: "more (it grew while being read)" });
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, 2 * buf.length));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const bytesRead = (0, import_node_fs3.readSync)(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0)
        break;
      n += bytesRead;
    }
    if (n > maxBytes)
      throw invalid3(path2, "", `is larger than ${maxBytes} bytes`, { expected: `at most ${maxBytes} bytes`, got: "more (it grew while being read)" });
    try {
      return utf84.decode(buf.subarray(0, n));
    } catch {
      throw invalid3(path2, "", "is not UTF-8 text");
    }
  } finally {
    (0, import_node_fs3.closeSync)(fd);
  }
}
function parseJsonText2(text2, source, checkDuplicatesUnder) {
  let json;
  try {
    json = JSON.parse(text2);
  } catch (e) {
    throw invalid3(source, "", `is not valid JSON: ${e.message}`);
  }
  const dup = duplicateKeys(text2).find((p) => checkDuplicatesUnder === "" || p === checkDuplicatesUnder || p.startsWith(checkDuplicatesUnder + ".") || p.startsWith(checkDuplicatesUnder + "["));
  if (dup !== void 0) {
    throw invalid3(source, dup, "appears twice in the same object", {
      hint: "JSON parsers keep only one of the two (which one differs between tools): remove the other"
    });
  }
  return json;
}
function duplicateKeys(text2) {
  const join6 = (path2, key2) => path2 === "" ? key2 : `${path2}.${key2}`;
  const stack = [];
  const out = [];
  const childPath = () => {
    const top = stack[stack.length - 1];
    if (top === void 0)
      return "";
    return top.obj ? join6(top.path, top.key) : `${top.path}[${top.index}]`;
  };
  for (let i = 0; i < text2.length; i++) {
    const c = text2[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text2.length && text2[j] !== '"')
        j += text2[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top !== void 0 && top.obj && top.expectKey) {
        const key2 = JSON.parse(text2.slice(i, j + 1));
        if (top.keys.has(key2))
          out.push(join6(top.path, key2));
        top.keys.add(key2);
        top.key = key2;
        top.expectKey = false;
      }
      i = j;
    } else if (c === "{") {
      stack.push({ obj: true, path: childPath(), keys: /* @__PURE__ */ new Set(), key: "", expectKey: true });
    } else if (c === "[") {
      stack.push({ obj: false, path: childPath(), index: 0 });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top !== void 0) {
        if (top.obj)
          top.expectKey = true;
        else
          top.index++;
      }
    }
  }
  return out;
}
async function readConfigFile(path2, required) {
  const text2 = await readCapped(path2, MAX_CONFIG_BYTES, required);
  if (text2 === void 0)
    return void 0;
  return parseTrustConfig(parseJsonText2(text2, path2, ""), path2);
}
async function readComposerExtra(path2, required) {
  const text2 = await readCapped(path2, MAX_COMPOSER_JSON_BYTES, required);
  if (text2 === void 0)
    return void 0;
  const json = parseJsonText2(text2, path2, "extra.signet");
  const extra = typeof json === "object" && json !== null && !Array.isArray(json) ? json.extra : void 0;
  const signet = typeof extra === "object" && extra !== null && !Array.isArray(extra) ? extra.signet : void 0;
  const config = typeof signet === "object" && signet !== null && !Array.isArray(signet) ? Object.fromEntries(Object.entries(signet).filter(([k]) => !PLUGIN_SETTINGS.has(k))) : signet;
  if (signet === void 0 || typeof config === "object" && config !== null && Object.keys(config).length === 0) {
    if (required)
      throw invalid3(path2, "extra.signet", "is missing", { expected: "a Signet configuration object under extra.signet" });
    return void 0;
  }
  return parseLayer(config, path2, "extra.signet");
}
async function loadTrustConfig(opts) {
  if (opts.configFile !== void 0) {
    const file = (0, import_node_path4.resolve)(opts.projectDir, opts.configFile);
    const layer = (0, import_node_path4.basename)(file) === "composer.json" ? await readComposerExtra(file, true) : await readConfigFile(file, true);
    return mergeTrustConfig(layer === void 0 ? [] : [layer]);
  }
  const dir = (0, import_node_path4.resolve)(opts.projectDir);
  const layers = [];
  const shadowed = [];
  const signetJson = (0, import_node_path4.join)(dir, PROJECT_CONFIG_FILE);
  const composerJson = (0, import_node_path4.join)(dir, "composer.json");
  const project = await readConfigFile(signetJson, false);
  if (project !== void 0) {
    layers.push(project);
    if (await hasComposerExtra(composerJson))
      shadowed.push(composerJson);
  } else {
    const extra = await readComposerExtra(composerJson, false);
    if (extra !== void 0)
      layers.push(extra);
  }
  const userFile = userConfigPath();
  const user = await readConfigFile(userFile, false);
  if (user !== void 0)
    layers.push(user);
  if (layers.length === 0) {
    throw new SignetError("CONFIG_INVALID", "no Signet configuration: the verifier does not know which log and keys to trust", {
      expected: `${signetJson}, extra.signet in ${composerJson}, or ${userFile}`,
      got: "none of them",
      hint: "run `signet init --registry URL` (or `signet init --registry URL --user` for all your projects), check the fingerprints it shows, and run again",
      evidence: { searched: [signetJson, composerJson, userFile] }
    });
  }
  const config = mergeTrustConfig(layers);
  return shadowed.length === 0 ? config : { ...config, shadowed };
}
async function hasComposerExtra(path2) {
  try {
    const text2 = await readCapped(path2, MAX_COMPOSER_JSON_BYTES, false);
    if (text2 === void 0)
      return false;
    const json = JSON.parse(text2);
    return typeof json?.extra === "object" && json.extra !== null && json.extra.signet !== void 0;
  } catch {
    return false;
  }
}
function patternRegExp(pattern) {
  let re = patternCache.get(pattern);
  if (re === void 0) {
    const body = pattern.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")).join("[^/]*");
    re = new RegExp(`^${body}$`);
    patternCache.set(pattern, re);
  }
  return re;
}
function isSkipped(config, pkg) {
  if (config.skip.length === 0)
    return false;
  const name = pkg.toLowerCase();
  return config.skip.some((p) => patternRegExp(p.toLowerCase()).test(name));
}
function ledgerConfigOf(config) {
  const key2 = (b642, field) => {
    const raw = decodeCanonicalBase64(b642);
    if (raw === void 0 || raw.length !== 32) {
      throw invalid3(config.sources.join(" + ") || "(trust configuration)", field, "is not the base64 of a 32-byte Ed25519 public key", { got: show(b642) });
    }
    return Ed25519PublicKey.fromRaw(raw);
  };
  const registryKeys = config.registryKeys.map((k, i) => key2(k, `registryKeys[${i}]`));
  return config.coreKey === void 0 ? { registryKeys } : { registryKeys, coreKey: key2(config.coreKey, "coreKey") };
}
function verifierKeyHash(verifierKey) {
  return parseVerifierKey(verifierKey).keyHash.toString(16).padStart(8, "0");
}
var import_node_fs3, import_node_os2, import_node_path4, DEFAULT_MAX_CHECKPOINT_AGE_SECONDS, MAX_CONFIG_BYTES, MAX_COMPOSER_JSON_BYTES, PROJECT_CONFIG_FILE, MAX_NOTICE_DAYS, MAX_AGE_SECONDS, MAX_LIST, Reader, TOP_FIELDS, REQUIRABLE_KINDS, SKIP_SEGMENT, utf84, PLUGIN_SETTINGS, patternCache;
var init_config = __esm({
  "dist/src/client/config.js"() {
    "use strict";
    import_node_fs3 = require("node:fs");
    import_node_os2 = require("node:os");
    import_node_path4 = require("node:path");
    init_errors();
    init_base64();
    init_ed25519();
    init_note();
    init_ledger();
    init_cosignature();
    DEFAULT_MAX_CHECKPOINT_AGE_SECONDS = 86400;
    MAX_CONFIG_BYTES = 1 << 20;
    MAX_COMPOSER_JSON_BYTES = 4 << 20;
    PROJECT_CONFIG_FILE = "signet.json";
    MAX_NOTICE_DAYS = 3650;
    MAX_AGE_SECONDS = 10 * 365 * 86400;
    MAX_LIST = 1e3;
    Reader = class {
      source;
      prefix;
      constructor(source, prefix) {
        this.source = source;
        this.prefix = prefix;
      }
      path(field) {
        if (field === "")
          return this.prefix;
        return this.prefix === "" ? field : field.startsWith("[") ? `${this.prefix}${field}` : `${this.prefix}.${field}`;
      }
      fail(field, message, details = {}) {
        return invalid3(this.source, this.path(field), message, details);
      }
      object(v, field, allowed, required = []) {
        if (typeof v !== "object" || v === null || Array.isArray(v)) {
          throw this.fail(field, "is not a JSON object", { expected: "an object", got: show(v) });
        }
        const o = v;
        for (const k of Object.keys(o)) {
          if (!allowed.includes(k)) {
            const at = field === "" ? k : `${field}.${k}`;
            throw this.fail(at, `unknown field ${JSON.stringify(k)}`, {
              expected: `only the fields ${allowed.join(", ")}`,
              got: JSON.stringify(k),
              hint: "check the spelling: unknown fields are refused so that a typo cannot silently weaken the policy"
            });
          }
        }
        for (const k of required) {
          if (o[k] === void 0)
            throw this.fail(field === "" ? k : `${field}.${k}`, "is missing", { expected: `a value for ${JSON.stringify(k)}` });
        }
        return o;
      }
      array(v, field) {
        if (!Array.isArray(v))
          throw this.fail(field, "is not a JSON array", { expected: "an array", got: show(v) });
        if (v.length > MAX_LIST)
          throw this.fail(field, `has more than ${MAX_LIST} items`, { got: `${v.length} items` });
        return v;
      }
      string(v, field) {
        if (typeof v !== "string" || v === "")
          throw this.fail(field, "is not a non-empty string", { expected: "a string", got: show(v) });
        return v;
      }
      integer(v, field, min, max) {
        if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
          throw this.fail(field, `is not an integer from ${min} to ${max}`, { expected: `an integer in [${min}, ${max}]`, got: show(v) });
        }
        return v;
      }
      url(v, field) {
        const s = this.string(v, field);
        let u;
        try {
          u = new URL(s);
        } catch {
          throw this.fail(field, "is not a URL", { expected: "an http(s) URL, e.g. https://log.example", got: show(s) });
        }
        if (u.protocol !== "http:" && u.protocol !== "https:") {
          throw this.fail(field, "is not an http(s) URL", { expected: "http:// or https://", got: show(s) });
        }
        if (u.username !== "" || u.password !== "") {
          throw this.fail(field, "carries a user name or password", { expected: "a URL without credentials", got: "(not shown)" });
        }
        if (u.search !== "" || u.hash !== "") {
          throw this.fail(field, "has a query or fragment", { expected: "a base URL (paths are appended to it)", got: show(s) });
        }
        return u.toString().replace(/\/+$/, "");
      }
      key(v, field) {
        const s = this.string(v, field);
        const raw = decodeCanonicalBase64(s);
        if (raw === void 0 || raw.length !== 32) {
          throw this.fail(field, "is not the base64 of a 32-byte Ed25519 public key", {
            expected: "standard padded base64 of 32 bytes (44 characters)",
            got: raw === void 0 ? show(s) : `${raw.length} bytes`
          });
        }
        try {
          Ed25519PublicKey.fromRaw(raw);
        } catch {
          throw this.fail(field, "is not a valid Ed25519 public key", { got: show(s) });
        }
        return s;
      }
    };
    TOP_FIELDS = ["logs", "witnesses", "registry", "registryKeys", "coreKey", "breakGlass", "mode", "maxCheckpointAge", "attestations", "skip"];
    REQUIRABLE_KINDS = ATTESTATION_KINDS.filter((k) => k !== "vote-against");
    SKIP_SEGMENT = /^[a-z0-9_.*-]+$/;
    utf84 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
    PLUGIN_SETTINGS = /* @__PURE__ */ new Set(["bin", "allow-source"]);
    patternCache = /* @__PURE__ */ new Map();
  }
});

// dist/src/client/entry-db.js
var entry_db_exports = {};
__export(entry_db_exports, {
  EntryDb: () => EntryDb
});
function bundleBytes(entries) {
  let n = 0;
  for (const e of entries)
    n += 2 + e.byteLength;
  return n;
}
var import_better_sqlite32, SCHEMA, EntryDb;
var init_entry_db = __esm({
  "dist/src/client/entry-db.js"() {
    "use strict";
    import_better_sqlite32 = __toESM(require_better_sqlite3(), 1);
    init_errors();
    init_tile();
    init_bundle();
    SCHEMA = [
      `CREATE TABLE IF NOT EXISTS bundles (tile INTEGER PRIMARY KEY, width INTEGER NOT NULL, data BLOB NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS vendor_state (vendor TEXT PRIMARY KEY, json TEXT NOT NULL)`
    ];
    EntryDb = class {
      path;
      #db;
      constructor(path2) {
        this.path = path2;
        try {
          this.#db = new import_better_sqlite32.default(path2);
        } catch (e) {
          throw new SignetError("STORAGE_FAILED", `cannot open the local log copy ${path2}: ${e.message}`, { cause: e });
        }
        this.#db.pragma("journal_mode = WAL");
        this.#db.pragma("synchronous = NORMAL");
        this.#db.pragma("busy_timeout = 10000");
        for (const s of SCHEMA)
          this.#db.exec(s);
        this.#migrate();
      }
      /** Read afresh each time: a monitor and a verifier may share the folder (and commit in turn). */
      get #size() {
        return Number(this.#db.prepare("SELECT v FROM meta WHERE k = 'size'").get()?.v ?? 0);
      }
      /** A copy written before entries were stored as bundles (one row per entry): rewritten once, in one transaction. */
      #migrate() {
        const old = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'entries'").get();
        if (old === void 0)
          return;
        this.#db.transaction(() => {
          const select = this.#db.prepare("SELECT idx, data FROM entries WHERE idx >= ? ORDER BY idx LIMIT ?");
          const insert = this.#db.prepare("INSERT OR REPLACE INTO bundles (tile, width, data) VALUES (?, ?, ?)");
          let pending = [];
          let next = 0;
          for (; ; ) {
            const rows = select.all(next, TILE_WIDTH);
            if (rows.length === 0)
              break;
            for (const r of rows) {
              if (r.idx !== next)
                throw new SignetError("LOG_CORRUPT", `the local copy of the log (${this.path}) has no entry ${next}`, { hint: `delete ${this.path} and run signet sync again` });
              pending.push(r.data);
              next++;
              if (pending.length === TILE_WIDTH) {
                insert.run(next / TILE_WIDTH - 1, TILE_WIDTH, encodeBundle(pending));
                pending = [];
              }
            }
          }
          if (pending.length > 0)
            insert.run(Math.floor(next / TILE_WIDTH), pending.length, encodeBundle(pending));
          this.#db.prepare("INSERT OR REPLACE INTO meta (k, v) VALUES ('size', ?)").run(String(next));
          this.#db.exec("DROP TABLE entries");
          this.#db.exec("DROP TABLE IF EXISTS staged");
        })();
      }
      close() {
        this.#db.close();
      }
      /** The number of proven entries. */
      size() {
        return this.#size;
      }
      /** The checkpoint (raw signed note) the stored entries were proven against. */
      checkpoint() {
        const r = this.#db.prepare("SELECT v FROM meta WHERE k = 'checkpoint'").get();
        return r?.v;
      }
      /** The proven entries from `from` on. */
      *entries(from = 0) {
        const size = this.#size;
        const rows = this.#db.prepare("SELECT tile, data FROM bundles WHERE tile >= ? AND tile * ? < ? ORDER BY tile").iterate(Math.floor(from / TILE_WIDTH), TILE_WIDTH, size);
        for (const r of rows) {
          const entries = this.#proven(r.tile, r.data, size);
          for (let i = Math.max(0, from - r.tile * TILE_WIDTH); i < entries.length; i++)
            yield entries[i];
        }
      }
      /** A proven entry. */
      entry(index) {
        if (!Number.isSafeInteger(index) || index < 0 || index >= this.#size)
          return void 0;
        const tile = Math.floor(index / TILE_WIDTH);
        const r = this.#row(tile);
        return r === void 0 ? void 0 : this.#proven(tile, r.data, this.#size)[index - tile * TILE_WIDTH];
      }
      /** The proven entries of a stored bundle: every one below `size`, which must all be there. */
      #proven(tile, data, size) {
        const width = Math.min(TILE_WIDTH, size - tile * TILE_WIDTH);
        const entries = this.#decode(tile, data);
        if (entries.length < width) {
          throw new SignetError("LOG_CORRUPT", `the local copy of the log (${this.path}) has ${entries.length} entries in bundle ${tile}, not ${width}`, {
            expected: `${width} entries`,
            got: `${entries.length}`,
            hint: `delete ${this.path} and run signet sync again`
          });
        }
        return entries.slice(0, width);
      }
      #decode(tile, data) {
        try {
          return decodeBundle(data, void 0, { maxEntries: TILE_WIDTH });
        } catch (e) {
          throw new SignetError("LOG_CORRUPT", `the local copy of the log (${this.path}) has a damaged bundle ${tile}`, {
            hint: `delete ${this.path} and run signet sync again`,
            cause: e
          });
        }
      }
      /** A fetched bundle holding at least `width` entries (its first ones may be proven ones), if one is stored. */
      staged(tile, width) {
        const r = this.#row(tile);
        return r !== void 0 && r.width >= width && tile * TILE_WIDTH + r.width > this.#size ? r.data : void 0;
      }
      /** Forgets the entries fetched beyond the proven size (after they failed to prove). */
      clearStaged() {
        this.#db.transaction(() => {
          const size = this.#size;
          const last = Math.floor(size / TILE_WIDTH);
          const offset = size - last * TILE_WIDTH;
          this.#db.prepare("DELETE FROM bundles WHERE tile >= ?").run(offset === 0 ? last : last + 1);
          this.#written.clear();
          if (offset === 0)
            return;
          const r = this.#row(last);
          if (r !== void 0 && r.width > offset)
            this.#write(last, this.#proven(last, r.data, size));
        })();
      }
      /**
       * Stores a fetched bundle (`width` entries of it; `data` may hold more) for the commit that proves
       * it, or a later sync. Where it overlaps the proven entries, those stay as they are: only the fetched
       * entries beyond them are taken. `decoded`: the caller's decodeBundle of `data`, if it has one.
       */
      stage(tile, width, data, decoded) {
        let entries = (decoded ?? this.#decode(tile, Buffer.from(data.buffer, data.byteOffset, data.byteLength))).slice(0, width);
        const proven = this.#size - tile * TILE_WIDTH;
        if (proven > 0) {
          const r = this.#row(tile);
          const kept = r === void 0 ? [] : this.#proven(tile, r.data, this.#size);
          entries = [...kept, ...entries.slice(Math.min(proven, TILE_WIDTH))];
        }
        const exact = entries.length === width && entries.length > 0 && proven <= 0 && data.byteLength === bundleBytes(entries);
        this.#put(tile, entries.length, exact ? data : encodeBundle(entries));
      }
      #row(tile) {
        return this.#db.prepare("SELECT width, data FROM bundles WHERE tile = ?").get(tile);
      }
      #write(tile, entries) {
        this.#put(tile, entries.length, encodeBundle(entries));
      }
      #put(tile, width, data) {
        this.#db.prepare("INSERT OR REPLACE INTO bundles (tile, width, data) VALUES (?, ?, ?)").run(tile, width, data);
        this.#written.set(tile, data);
        this.#version = this.#dataVersion();
      }
      /**
       * The rows this connection wrote, as it wrote them, and the database's data_version after its last
       * write: while no other connection has changed the file since (a monitor may share the folder), the
       * rows are still these bytes, and a commit need not read ~300 KB per bundle back to compare them.
       */
      #written = /* @__PURE__ */ new Map();
      #version = -1;
      #dataVersion() {
        return this.#db.pragma("data_version", { simple: true });
      }
      /** A bundle row's bytes: from what this connection wrote when nothing else wrote since, else read. */
      #rowData(tile) {
        const mine = this.#written.get(tile);
        if (mine !== void 0 && this.#dataVersion() === this.#version)
          return Buffer.from(mine.buffer, mine.byteOffset, mine.byteLength);
        return this.#row(tile)?.data;
      }
      /** What the saved state covers (size and tree range), if a state was saved. */
      savedState() {
        const r = this.#db.prepare("SELECT v FROM meta WHERE k = 'state'").get();
        return r === void 0 ? void 0 : JSON.parse(r.v);
      }
      /** The saved JSON of the given vendors (all when `vendors` is undefined). */
      vendorStates(vendors) {
        if (vendors === void 0)
          return this.#db.prepare("SELECT json FROM vendor_state").all().map((r) => r.json);
        const q = this.#db.prepare("SELECT json FROM vendor_state WHERE vendor = ?");
        return vendors.flatMap((v) => {
          const r = q.get(v);
          return r === void 0 ? [] : [r.json];
        });
      }
      /**
       * Records `entries` as proven (the next ones after `first`, which must be the proven size), with the
       * checkpoint that proves them and the state they lead to (the vendors it changed), in one
       * transaction. The entries are normally the staged ones, already stored; any bundle that does not
       * hold exactly them is written afresh (and entries staged beyond them stay staged).
       */
      commit(first, entries, checkpoint, state) {
        const meta = this.#db.prepare("INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)");
        const vendor = this.#db.prepare("INSERT OR REPLACE INTO vendor_state (vendor, json) VALUES (?, ?)");
        const size = first + entries.length;
        this.#db.transaction(() => {
          if (first !== this.#size)
            throw new SignetError("STORAGE_FAILED", `append out of sequence: entries from ${first} where ${this.#size} was next`);
          for (let tile = Math.floor(first / TILE_WIDTH); tile * TILE_WIDTH < size; tile++) {
            const lo = tile * TILE_WIDTH;
            const hi = Math.min(lo + TILE_WIDTH, size);
            const data = this.#rowData(tile);
            const want = entries.slice(Math.max(lo, first) - first, hi - first);
            const at = data === void 0 ? -1 : bundleOffset(data, Math.max(0, first - lo));
            if (at >= 0 && bundleHoldsAt(data, at, want))
              continue;
            const stored = data === void 0 ? [] : this.#decode(tile, data);
            const kept = stored.slice(0, Math.max(0, first - lo));
            if (kept.length < Math.max(0, first - lo))
              throw new SignetError("LOG_CORRUPT", `the local copy of the log (${this.path}) lost proven entries of bundle ${tile}`, { hint: `delete ${this.path} and run signet sync again` });
            this.#write(tile, [...kept, ...want]);
          }
          meta.run("size", String(size));
          meta.run("checkpoint", checkpoint);
          this.#written.clear();
          if (state !== void 0) {
            for (const [name, json] of state.vendors)
              vendor.run(name, json);
            meta.run("state", JSON.stringify(state.saved));
          }
        })();
      }
    };
  }
});

// dist/src/log/verify-pool.js
function checkedResult(known, publicKey, signature) {
  for (const k of known)
    if (Buffer.compare(k.publicKey, publicKey) === 0 && Buffer.compare(k.signature, signature) === 0)
      return k.ok;
  return void 0;
}
var import_node_os3, import_node_worker_threads, MAX_JOB, DEPTH, VerifyPool;
var init_verify_pool = __esm({
  "dist/src/log/verify-pool.js"() {
    "use strict";
    import_node_os3 = require("node:os");
    import_node_worker_threads = require("node:worker_threads");
    MAX_JOB = 256;
    DEPTH = 2;
    VerifyPool = class {
      workers = [];
      busy = [];
      /** Jobs sent to each worker and not answered yet. */
      jobs = [];
      inflight = /* @__PURE__ */ new Map();
      pending = [];
      scheduled = false;
      nextId = 1;
      closed = false;
      /**
       * `nice` (Linux) lowers the workers' scheduling priority by that much: for a caller whose main
       * thread is the long pole (the sync replays every entry in order there), so that on a machine with
       * as many cores as workers the main thread is not starved by the threads that feed it.
       */
      constructor(size = Math.max(1, (0, import_node_os3.cpus)().length), opts = {}) {
        const url = new URL("./verify-worker.js", require("node:url").pathToFileURL(require("node:path").join(__dirname, "src/log/verify-pool.js")).href);
        for (let i = 0; i < size; i++) {
          const w = new import_node_worker_threads.Worker(url, { workerData: { nice: opts.nice ?? 0 } });
          w.unref();
          w.on("message", (m) => this.done(i, m));
          w.on("error", (e) => this.fail(e));
          this.workers.push(w);
          this.busy.push(0);
          this.jobs.push(0);
        }
      }
      /** Verifies each check; resolves with one boolean per check, in order. */
      verify(checks) {
        if (checks.length === 0)
          return Promise.resolve([]);
        if (this.closed)
          return Promise.reject(new Error("verify pool closed"));
        return new Promise((resolve4, reject) => {
          this.pending.push({ checks, resolve: resolve4, reject });
          if (!this.scheduled) {
            this.scheduled = true;
            setImmediate(() => this.dispatch());
          }
        });
      }
      /**
       * Sends waiting requests to workers with fewer than DEPTH jobs: under load, requests pile up while
       * the workers are busy and then go out as large jobs, so the messaging and wake-up costs are paid
       * once per job rather than once per signature; and a worker finishing a job finds the next one
       * already in its queue, rather than waiting for the main thread (busy with a batch) to send one.
       */
      dispatch() {
        this.scheduled = false;
        while (this.pending.length > 0) {
          let worker = -1;
          this.busy.forEach((n, i) => {
            if (this.jobs[i] < DEPTH && (worker < 0 || n < this.busy[worker]))
              worker = i;
          });
          if (worker < 0)
            return;
          const total = this.pending.reduce((n, w) => n + w.checks.length, 0);
          const share = Math.min(MAX_JOB, Math.max(1, Math.ceil(total / this.workers.length)));
          let at = 0;
          let count = 0;
          while (at < this.pending.length && (count === 0 || count + this.pending[at].checks.length <= share)) {
            count += this.pending[at].checks.length;
            at++;
          }
          this.post(worker, this.pending.slice(0, at));
          this.pending = this.pending.slice(at);
        }
      }
      post(worker, parts) {
        const all = parts.flatMap((p) => p.checks);
        const keys = new Uint8Array(all.length * 32);
        const sigs = new Uint8Array(all.length * 64);
        const offsets = new Uint32Array(all.length + 1);
        let total = 0;
        for (const c of all)
          total += c.message.length;
        const messages = new Uint8Array(total);
        let off = 0;
        all.forEach((c, i) => {
          if (c.publicKey.length === 32)
            keys.set(c.publicKey, i * 32);
          if (c.signature.length === 64)
            sigs.set(c.signature, i * 64);
          offsets[i] = off;
          messages.set(c.message, off);
          off += c.message.length;
        });
        offsets[all.length] = off;
        const id = this.nextId++;
        this.inflight.set(id, { parts, counts: parts.map((p) => p.checks.length) });
        this.busy[worker] += all.length;
        this.jobs[worker]++;
        const job = { id, keys, sigs, messages, offsets };
        this.workers[worker].postMessage(job, [keys.buffer, sigs.buffer, messages.buffer, offsets.buffer]);
      }
      done(worker, m) {
        const job = this.inflight.get(m.id);
        if (job === void 0)
          return;
        this.inflight.delete(m.id);
        let at = 0;
        job.parts.forEach((p, i) => {
          const n = job.counts[i];
          const results = [];
          for (let k = 0; k < n; k++) {
            const c = p.checks[k];
            results.push(m.results[at + k] === 1 && c.publicKey.length === 32 && c.signature.length === 64);
          }
          at += n;
          p.resolve(results);
        });
        this.busy[worker] -= at;
        this.jobs[worker]--;
        this.dispatch();
      }
      fail(e) {
        for (const job of this.inflight.values())
          for (const p of job.parts)
            p.reject(e);
        this.inflight.clear();
      }
      async close() {
        this.closed = true;
        await Promise.all(this.workers.map((w) => w.terminate()));
      }
    };
  }
});

// dist/src/client/full-sync.js
var full_sync_exports = {};
__export(full_sync_exports, {
  loadLocal: () => loadLocal,
  syncFull: () => syncFull
});
function loadLocal(db, verifier, config, vendors) {
  const size = db.size();
  let state;
  let range;
  let partial = false;
  const saved = db.savedState();
  if (saved !== void 0 && saved.size === size) {
    state = LedgerState.fromJSON({ size, vendors: db.vendorStates(vendors).map((j) => JSON.parse(j)) });
    range = CompactRange.restore(size, saved.range.map((h) => Buffer.from(h, "base64")));
    partial = vendors !== void 0;
  }
  if (state === void 0 || range === void 0) {
    state = new LedgerState();
    range = new CompactRange();
    const trusted = { verify: () => true };
    for (const bytes of db.entries()) {
      range.append(leafHash(bytes));
      applyInPlace(state, parseEntry(bytes), config, trusted);
    }
  }
  const raw = db.checkpoint();
  let checkpoint;
  if (raw !== void 0) {
    const parsed = openCheckpoint(raw, verifier, "stored checkpoint").checkpoint;
    if (parsed.size !== range.size || !hashEqual(range.root(), parsed.root)) {
      throw new SignetError("LOG_CORRUPT", `the local copy of the log (${db.path}) does not match its stored checkpoint`, {
        expected: `${parsed.size} entries with root ${b64(parsed.root)}`,
        got: `${range.size} entries`,
        hint: `delete ${db.path} and run signet sync again`
      });
    }
    checkpoint = { raw, parsed };
  }
  return localLog(db, state, range, checkpoint, partial);
}
function localLog(db, state, range, checkpoint, partial = false) {
  let tree;
  return {
    state,
    partial,
    range,
    ...checkpoint === void 0 ? {} : { checkpoint },
    entry: (i) => {
      const b = db.entry(i);
      return b === void 0 ? void 0 : parseEntry(b);
    },
    tree: () => {
      if (tree === void 0) {
        tree = new MerkleTree();
        for (const bytes of db.entries()) {
          if (tree.size === range.size)
            break;
          tree.appendLeafHash(leafHash(bytes));
        }
      }
      return tree;
    }
  };
}
async function syncFull(opts) {
  const { source, verifier, db } = opts;
  let raw = opts.pinned;
  if (raw === void 0) {
    const rawBytes = await source.read("checkpoint", MAX_NOTE_BYTES3);
    if (rawBytes === null)
      throw new SignetError("FETCH_FAILED", `${source.description} serves no checkpoint`, { hint: "check the log URL in your config" });
    raw = Buffer.from(rawBytes).toString("utf8");
  }
  const { checkpoint } = openCheckpoint(raw, verifier);
  opts.acceptCheckpoint?.(raw, checkpoint);
  const storedRaw = db.checkpoint();
  const stored = storedRaw === void 0 ? void 0 : openCheckpoint(storedRaw, verifier, "stored checkpoint").checkpoint;
  const quick = stored !== void 0 && stored.size === checkpoint.size && hashEqual(stored.root, checkpoint.root);
  const local = loadLocal(db, verifier, opts.config, quick ? opts.vendors : void 0);
  const have = local.range.size;
  const old = local.checkpoint;
  if (checkpoint.size < have) {
    throw rollbackError(have, old?.raw, raw, checkpoint.size);
  }
  if (checkpoint.size === have) {
    if (old !== void 0 && !hashEqual(old.parsed.root, checkpoint.root))
      throw forkError(old.raw, raw);
    if (old?.raw !== raw)
      db.commit(have, [], raw);
    return { from: have, to: have, checkpoint: raw, local: localLog(db, local.state, local.range, { raw, parsed: checkpoint }, local.partial) };
  }
  const fresh = [];
  const start2 = Math.floor(have / TILE_WIDTH);
  const end = Math.ceil(checkpoint.size / TILE_WIDTH);
  const total = checkpoint.size - have;
  const prechecker = new Prechecker(local.state, opts.config, total >= PARALLEL_FROM);
  const range = CompactRange.restore(local.range.size, local.range.hashes());
  const touched = /* @__PURE__ */ new Set();
  const lastOf = /* @__PURE__ */ new Map();
  const snapshots = /* @__PURE__ */ new Map();
  const vendorJson = (n) => {
    const j = local.state.vendorToJSON(n);
    return j === void 0 ? void 0 : JSON.stringify(j);
  };
  let applied = 0;
  let breach;
  const replayUpTo = (upTo) => {
    for (; applied < upTo && breach === void 0; applied++) {
      const index = have + applied;
      try {
        const entry = prechecker.parsed[applied];
        if (entry === void 0)
          throw new Error(`entry ${index} was not parsed`);
        if (entry instanceof Error)
          throw entry;
        const known = prechecker.results?.[applied];
        applyInPlace(local.state, entry, opts.config, known === void 0 ? {} : { verify: (pk, msg, sig) => checkedResult(known, pk.raw, sig) ?? pk.verify(msg, sig) });
        touched.add(entryLookupKeys(entry).vendor);
      } catch (e) {
        breach = ledgerBreach(e, index, raw);
      }
      prechecker.release(applied);
    }
  };
  const widthOf = (n) => Math.min(TILE_WIDTH, checkpoint.size - n * TILE_WIDTH);
  const fetchBundle = (n) => {
    const staged = db.staged(n, widthOf(n));
    const p = staged !== void 0 ? Promise.resolve({ data: staged, fetched: false }) : readBundleBytes(source, n, widthOf(n)).then((data) => ({ data, fetched: true }));
    p.catch(() => void 0);
    return p;
  };
  try {
    let next = start2 < end ? fetchBundle(start2) : void 0;
    for (let n = start2; n < end; n++) {
      const width = widthOf(n);
      const { data, fetched } = await next;
      next = n + 1 < end ? fetchBundle(n + 1) : void 0;
      const decoded = decodeBundle(data, void 0, { maxEntries: TILE_WIDTH });
      if (fetched)
        db.stage(n, width, data, decoded);
      const bundle = decoded.slice(0, width);
      if (bundle.length < width) {
        throw new SignetError("BUNDLE_TRUNCATED", `${tilePath({ level: "entries", index: n, width })} has ${bundle.length} entries`, {
          expected: `${width} entries`,
          got: `${bundle.length}`,
          attack: "a log hiding entries its checkpoint covers"
        });
      }
      const skip = n === start2 ? have - n * TILE_WIDTH : 0;
      const first = fresh.length;
      for (let i = skip; i < bundle.length; i++) {
        fresh.push(bundle[i]);
        range.append(leafHash(bundle[i]));
      }
      prechecker.add(fresh.slice(first), first);
      for (let i = first; i < fresh.length; i++) {
        const e = prechecker.parsed[i];
        if (e !== void 0 && !(e instanceof Error))
          lastOf.set(entryLookupKeys(e).vendor, i);
      }
      replayUpTo(prechecker.ready);
      opts.onProgress?.(fresh.length, total);
    }
    const order = [...lastOf].sort((a, b) => a[1] - b[1]);
    let snapped = 0;
    const snapshot = () => {
      for (; snapped < order.length && order[snapped][1] < applied && breach === void 0; snapped++) {
        const json = vendorJson(order[snapped][0]);
        if (json !== void 0)
          snapshots.set(order[snapped][0], json);
      }
    };
    for (const done of prechecker.jobs()) {
      snapshot();
      await done;
      replayUpTo(prechecker.ready);
    }
    await prechecker.settled();
    replayUpTo(fresh.length);
  } catch (e) {
    if (isSignetError(e) && e.kind !== "unavailable")
      db.clearStaged();
    throw e;
  } finally {
    await prechecker.finish().catch(() => void 0);
  }
  const root = range.root();
  if (!hashEqual(root, checkpoint.root)) {
    db.clearStaged();
    const forked = old !== void 0 && await servedPrefixDiffers(source, old.parsed, checkpoint.size);
    throw !forked ? new SignetError("ROOT_MISMATCH", `the log's entries ${have}..${checkpoint.size - 1} do not give its signed root`, {
      expected: b64(checkpoint.root),
      got: b64(root),
      attack: "a log whose entries are not the signed tree (altered entry bundles)",
      evidence: { checkpoint: raw }
    }) : forkError(old.raw, raw);
  }
  if (breach !== void 0)
    throw breach;
  const names = db.savedState()?.size === have ? [...touched] : local.state.vendors();
  const vendors = new Map(names.flatMap((n) => {
    const json = snapshots.get(n) ?? vendorJson(n);
    return json === void 0 ? [] : [[n, json]];
  }));
  db.commit(have, fresh, raw, { saved: { size: range.size, range: range.hashes().map((h) => Buffer.from(h).toString("base64")) }, vendors });
  return { from: have, to: checkpoint.size, checkpoint: raw, local: localLog(db, local.state, range, { raw, parsed: checkpoint }) };
}
async function servedPrefixDiffers(source, old, size) {
  const tree = new MerkleTree();
  for (let n = 0; n * TILE_WIDTH < old.size; n++) {
    const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH);
    const bundle = decodeBundle(await readBundleBytes(source, n, width), void 0, { maxEntries: TILE_WIDTH });
    for (const e of bundle.slice(0, Math.min(width, old.size - n * TILE_WIDTH)))
      tree.appendLeafHash(leafHash(e));
  }
  return tree.size < old.size || !hashEqual(tree.root(old.size), old.root);
}
async function readBundleBytes(source, n, width) {
  const path2 = tilePath({ level: "entries", index: n, width });
  const data = await source.read(path2, MAX_BUNDLE_BYTES2);
  if (data !== null)
    return data;
  if (width < TILE_WIDTH) {
    const full = await source.read(tilePath(fullTile({ level: "entries", index: n, width })), MAX_BUNDLE_BYTES2);
    if (full !== null)
      return full;
  }
  throw new SignetError("TILE_MISSING", `${source.description} does not serve ${path2}`, { expected: path2, got: "not found" });
}
var MAX_NOTE_BYTES3, MAX_BUNDLE_BYTES2, PARALLEL_FROM, Prechecker;
var init_full_sync = __esm({
  "dist/src/client/full-sync.js"() {
    "use strict";
    init_errors();
    init_log_evidence();
    init_ledger();
    init_statements();
    init_keys();
    init_base64();
    init_verify_pool();
    init_audit();
    init_bundle();
    init_hash();
    init_tile();
    init_tree();
    init_compact();
    MAX_NOTE_BYTES3 = 1 << 20;
    MAX_BUNDLE_BYTES2 = TILE_WIDTH * (2 + MAX_ENTRY_SIZE);
    PARALLEL_FROM = 512;
    Prechecker = class {
      #keys = /* @__PURE__ */ new Map();
      #pool;
      /** The parsed entries (or their parse errors), by position in the sync; undefined once released. */
      parsed = [];
      /** Signature jobs in order of position: [start, end) and whether their results are in. */
      #jobs = [];
      #results = [];
      #failed;
      constructor(state, config, parallel) {
        const add = (k) => void this.#keys.set(keyIdOf(k), k);
        config.registryKeys.forEach(add);
        if (config.coreKey !== void 0)
          add(config.coreKey);
        for (const v of state.vendors())
          for (const k of state.keysOf(v))
            this.#keys.set(k.id, k.publicKey);
        this.#pool = parallel ? new VerifyPool(void 0, { nice: 4 }) : void 0;
      }
      /** The signature results when checked in parallel (by position), else undefined. */
      get results() {
        return this.#pool === void 0 ? void 0 : this.#results;
      }
      /** Drops what was kept for the entry at `i` (once it is replayed). */
      release(i) {
        this.parsed[i] = void 0;
        if (this.#results[i] !== void 0)
          this.#results[i] = void 0;
      }
      /** How many entries, from the first, have all their signature results (or need none). */
      get ready() {
        while (this.#pending < this.#jobs.length && this.#jobs[this.#pending].done)
          this.#pending++;
        return this.#pending < this.#jobs.length ? this.#jobs[this.#pending].start : this.parsed.length;
      }
      /** The first job whose results are not in yet. */
      #pending = 0;
      add(bytes, offset) {
        const checks = [];
        const owner = [];
        bytes.forEach((b, j) => {
          const i = offset + j;
          let e;
          try {
            e = parseEntry(b);
          } catch (err) {
            this.parsed[i] = err instanceof Error ? err : new Error(String(err));
            return;
          }
          this.parsed[i] = e;
          const s = e.statement;
          if (s.kind === "vendor")
            s.keys.forEach((k) => this.#keys.set(k.id, publicKeyFor(k)));
          else if (s.kind === "key-add")
            this.#keys.set(s.key.id, publicKeyFor(s.key));
          else if (s.kind === "attestation")
            this.#keys.set(s.attester.id, publicKeyFor(s.attester));
          if (this.#pool === void 0)
            return;
          for (const sig of e.envelope.signatures) {
            const k = this.#keys.get(sig.keyid);
            const signature = decodeCanonicalBase64(sig.sig);
            if (k === void 0 || signature === void 0)
              continue;
            checks.push({ publicKey: k.raw, message: e.pae, signature });
            owner.push(i);
          }
        });
        if (this.#pool === void 0 || checks.length === 0)
          return;
        const job = { start: offset, end: offset + bytes.length, done: false, promise: Promise.resolve() };
        job.promise = this.#pool.verify(checks).then((r) => {
          checks.forEach((c, j) => {
            const i = owner[j];
            (this.#results[i] ??= []).push({ publicKey: c.publicKey, signature: c.signature, ok: r[j] });
          });
          job.done = true;
        }, (e) => {
          this.#failed ??= e;
          job.done = true;
        });
        this.#jobs.push(job);
      }
      /** The signature jobs not yet answered, in order (each settles, never rejects). */
      jobs() {
        return this.#jobs.slice(this.#pending).map((j) => j.promise);
      }
      /** Waits for every signature result; throws if the workers failed. */
      async settled() {
        await Promise.all(this.#jobs.map((j) => j.promise));
        if (this.#failed !== void 0)
          throw this.#failed;
      }
      /** Waits for the workers and stops them. */
      async finish() {
        try {
          await this.settled();
        } finally {
          await this.#pool?.close();
        }
      }
    };
  }
});

// dist/src/client/source.js
var source_exports = {};
__export(source_exports, {
  FolderSource: () => FolderSource,
  HttpSource: () => HttpSource,
  openLogSource: () => openLogSource
});
function tooLarge(where, maxBytes) {
  return new SignetError("FETCH_FAILED", `${where} is larger than the ${maxBytes} bytes it may have`, {
    expected: `at most ${maxBytes} bytes`,
    got: "more",
    attack: "an oversized response (resource exhaustion)"
  });
}
async function openLogSource(where) {
  if (/^https?:\/\//i.test(where))
    return new HttpSource(where);
  return FolderSource.open(where);
}
var import_promises3, import_node_path5, FolderSource, HttpSource;
var init_source = __esm({
  "dist/src/client/source.js"() {
    "use strict";
    import_promises3 = require("node:fs/promises");
    import_node_path5 = require("node:path");
    init_errors();
    init_http_get();
    FolderSource = class _FolderSource {
      description;
      root;
      constructor(folder) {
        this.root = (0, import_node_path5.resolve)(folder);
        this.description = folder;
      }
      async read(path2, maxBytes) {
        const full = (0, import_node_path5.resolve)(this.root, path2);
        if (!full.startsWith(this.root + import_node_path5.sep))
          throw new SignetError("USAGE", `refusing to read ${path2} outside ${this.root}`);
        let fh;
        try {
          fh = await (0, import_promises3.open)(full, "r");
        } catch (e) {
          const code = e.code;
          if (code === "ENOENT" || code === "ENOTDIR")
            return null;
          throw new SignetError("FETCH_FAILED", `cannot read ${full}: ${e.message}`, { cause: e });
        }
        try {
          const { size } = await fh.stat();
          if (size > maxBytes)
            throw tooLarge(full, maxBytes);
          const buf = Buffer.allocUnsafe(size);
          const { bytesRead } = await fh.read(buf, 0, size, 0);
          return buf.subarray(0, bytesRead);
        } finally {
          await fh.close();
        }
      }
      static async open(folder) {
        const st = await (0, import_promises3.stat)(folder).catch(() => null);
        if (st === null || !st.isDirectory()) {
          throw new SignetError("USAGE", `${folder} is not a folder`, {
            expected: "a URL (http:// or https://) or a folder holding checkpoint and tile/",
            got: folder
          });
        }
        return new _FolderSource(folder);
      }
    };
    HttpSource = class {
      opts;
      description;
      prefix;
      constructor(url, opts = {}) {
        this.opts = opts;
        this.prefix = url.endsWith("/") ? url : url + "/";
        this.description = url;
      }
      async read(path2, maxBytes) {
        const url = this.prefix + path2;
        const attempts = this.opts.attempts ?? 3;
        let lastError;
        for (let attempt = 1; attempt <= attempts; attempt++) {
          try {
            const res = await httpGet(url, maxBytes, this.opts.timeoutMs ?? 3e4);
            if (res.status === 404)
              return null;
            if (res.status >= 500 || res.status === 429) {
              lastError = new Error(`HTTP ${res.status}`);
              await new Promise((r) => setTimeout(r, 200 * attempt));
              continue;
            }
            if (res.status !== 200) {
              throw new SignetError("FETCH_FAILED", `GET ${url} answered HTTP ${res.status}`, { expected: "HTTP 200 or 404", got: `HTTP ${res.status}` });
            }
            return res.body;
          } catch (e) {
            if (e instanceof SignetError)
              throw e;
            if (e instanceof TooLarge)
              throw tooLarge(url, maxBytes);
            lastError = e;
            if (attempt < attempts)
              await new Promise((r) => setTimeout(r, 200 * attempt));
          }
        }
        throw new SignetError("FETCH_FAILED", `GET ${url} failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`, {
          hint: "check the URL and your network; the log may be down (retry later)",
          cause: lastError
        });
      }
    };
  }
});

// dist/src/client/verifier.js
var verifier_exports = {};
__export(verifier_exports, {
  checkFreshness: () => checkFreshness,
  openVerifier: () => openVerifier
});
function checkFreshness(config, raw, now) {
  if (config.witnesses.required === 0)
    return;
  const infos = checkCosignatures(raw, config.witnesses.keys, config.witnesses.required);
  const nowS = now.getTime() / 1e3;
  const future = infos.find((i) => i.timestamp > nowS + MAX_CLOCK_SKEW_S);
  if (future !== void 0) {
    throw new SignetError("CHECKPOINT_STALE", `the witness ${future.name} dated its cosignature in the future`, {
      expected: `a time before ${new Date((nowS + MAX_CLOCK_SKEW_S) * 1e3).toISOString()}`,
      got: new Date(future.timestamp * 1e3).toISOString(),
      attack: "a cosignature dated ahead to hide that the others are old (a freeze), or a witness with a wrong clock",
      evidence: { checkpoint: raw }
    });
  }
  const newest = infos.map((i) => i.timestamp).sort((a, b) => b - a)[config.witnesses.required - 1];
  const age = nowS - newest;
  if (age > config.maxCheckpointAgeSeconds) {
    throw new SignetError("CHECKPOINT_STALE", `the log's newest witness cosignature is ${Math.round(age)} s old`, {
      expected: `at most ${config.maxCheckpointAgeSeconds} s (maxCheckpointAge)`,
      got: `${Math.round(age)} s (cosigned ${new Date(newest * 1e3).toISOString()})`,
      attack: "a freeze: a log or mirror serving an old view to hide newer entries (e.g. a revocation)",
      evidence: { checkpoint: raw }
    });
  }
}
async function openVerifier(opts) {
  const config = await loadTrustConfig({ projectDir: opts.projectDir, ...opts.configFile === void 0 ? {} : { configFile: opts.configFile } });
  const log = config.logs[0];
  const store = new CheckpointStore();
  const dir = store.logDir(log.origin);
  (0, import_node_fs4.mkdirSync)(dir, { recursive: true, mode: 448 });
  const verifier = ed25519NoteVerifier(log.verifierKey);
  const ledger = ledgerConfigOf(config);
  const now = opts.now ?? /* @__PURE__ */ new Date();
  const notes = [];
  const saved = await store.read(log.origin);
  let offline = opts.offline === true;
  let usedLocal = false;
  const fallBack = (e) => {
    if (!(isSignetError(e) && e.kind === "unavailable") || saved === void 0)
      throw e;
    const age = (now.getTime() - saved.savedAt.getTime()) / 1e3;
    if (age > config.maxCheckpointAgeSeconds) {
      throw new SignetError("CHECKPOINT_STALE", `the log is unreachable and the local state was last synced ${Math.round(age)} s ago`, {
        expected: `a sync within ${config.maxCheckpointAgeSeconds} s (maxCheckpointAge)`,
        got: saved.savedAt.toISOString(),
        attack: "a freeze: keeping the verifier from learning newer entries (e.g. a revocation)",
        hint: "restore access to the log and run signet sync",
        cause: e
      });
    }
    notes.push(`the log is unreachable (${e.message}); using the state synced ${saved.savedAt.toISOString()}`);
    usedLocal = true;
  };
  let pinned;
  if (!offline && log.quorum > 1) {
    try {
      const q = await checkQuorum([log.url, ...log.mirrors], verifier, log.quorum);
      pinned = { url: q.url, raw: q.raw };
      if (q.unreachable.length > 0)
        notes.push(`quorum met by ${q.agreeing.join(", ")}; not reached: ${q.unreachable.map((u) => u.url).join(", ")}`);
    } catch (e) {
      fallBack(e);
      offline = true;
    }
  }
  const remember = async (raw) => {
    if (saved?.raw !== raw)
      await store.write(log.origin, raw);
    else if (!offline && !usedLocal)
      await (0, import_promises4.utimes)(store.checkpointPath(log.origin), now, now);
  };
  const packages = opts.packages;
  const vendorsOf = async () => packages === void 0 ? void 0 : [...new Set((await packages).map((p) => vendorOf(p)))];
  if (config.mode === "light") {
    const vendors2 = vendorsOf().then((v) => v ?? []);
    vendors2.catch(() => void 0);
    const base = { url: log.url, verifier, config: ledger, cachePath: (0, import_node_path6.join)(dir, "light.db"), vendors: vendors2, ...saved === void 0 ? {} : { stored: saved.raw } };
    let lv;
    if (offline)
      lv = await openLight({ ...base, offline: true });
    else {
      try {
        lv = pinned === void 0 ? await openLightFromAny(config, log, base, now) : await openLight({ ...base, url: pinned.url, pinned: pinned.raw, acceptCheckpoint: (raw) => checkFreshness(config, raw, now) });
      } catch (e) {
        fallBack(e);
        lv = await openLight({ ...base, offline: true });
      }
    }
    await remember(lv.checkpoint.raw).catch((e) => {
      lv.close();
      throw e;
    });
    return {
      config,
      log,
      mode: "light",
      state: lv.state,
      checkpoint: lv.checkpoint.raw,
      checkpointParsed: lv.checkpoint.parsed,
      digests: new DigestIndex(lv.state),
      fetched: lv.fetched,
      notes,
      entry: (i) => lv.entry(i),
      proof: (i) => lv.proof(i),
      vendorEntries: (v) => lv.vendorEntries(v),
      close: () => lv.close()
    };
  }
  const [{ EntryDb: EntryDb2 }, { loadLocal: loadLocal2 }] = await Promise.all([Promise.resolve().then(() => (init_entry_db(), entry_db_exports)), Promise.resolve().then(() => (init_full_sync(), full_sync_exports))]);
  const vendors = await vendorsOf();
  const db = new EntryDb2((0, import_node_path6.join)(dir, "entries.db"));
  try {
    let local;
    let fetched = 0;
    if (offline) {
      local = loadLocal2(db, verifier, ledger, vendors);
      if (local.checkpoint === void 0)
        throw stateMissing(log);
    } else {
      try {
        const storedInDb = db.checkpoint();
        const r = await syncFromAny(config, log, db, ledger, verifier, now, opts.onProgress, vendors, pinned);
        if (saved !== void 0 && storedInDb !== saved.raw)
          extendsSaved(saved.raw, r.local, verifier);
        local = r.local;
        fetched = r.to - r.from;
      } catch (e) {
        local = loadLocal2(db, verifier, ledger, vendors);
        if (local.checkpoint === void 0)
          throw e;
        fallBack(e);
      }
    }
    const cp = local.checkpoint;
    await remember(cp.raw);
    return {
      config,
      log,
      mode: "full",
      state: local.state,
      checkpoint: cp.raw,
      checkpointParsed: cp.parsed,
      // With a partial state, the index of every release is loaded only if a digest check fails.
      digests: new DigestIndex(local.partial ? () => loadLocal2(db, verifier, ledger).state : local.state),
      fetched,
      notes,
      entry: (i) => local.entry(i),
      proof: async (i) => inclusionProof(local.tree(), i, cp.parsed.size),
      vendorEntries: (vendor) => {
        const out = [];
        for (let i = 0; i < cp.parsed.size; i++) {
          const e = local.entry(i);
          if (entryLookupKeys(e).vendor === vendor)
            out.push({ index: i, entry: e });
        }
        return out;
      },
      close: () => db.close()
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
async function openLightFromAny(config, log, base, now) {
  let last;
  for (const url of [log.url, ...log.mirrors]) {
    try {
      return await openLight({ ...base, url, acceptCheckpoint: (raw) => checkFreshness(config, raw, now) });
    } catch (e) {
      if (!(isSignetError(e) && e.kind === "unavailable"))
        throw e;
      last = e;
    }
  }
  throw last;
}
async function syncFromAny(config, log, db, ledger, verifier, now, onProgress, vendors, pinned) {
  const [{ syncFull: syncFull2 }, { HttpSource: HttpSource2 }] = await Promise.all([Promise.resolve().then(() => (init_full_sync(), full_sync_exports)), Promise.resolve().then(() => (init_source(), source_exports))]);
  const urls = pinned === void 0 ? [log.url, ...log.mirrors] : [pinned.url];
  let last;
  for (const url of urls) {
    try {
      return await syncFull2({
        source: new HttpSource2(url, { attempts: 2, timeoutMs: 15e3 }),
        verifier,
        config: ledger,
        db,
        acceptCheckpoint: (raw) => checkFreshness(config, raw, now),
        ...onProgress === void 0 ? {} : { onProgress },
        ...vendors === void 0 ? {} : { vendors },
        ...pinned === void 0 ? {} : { pinned: pinned.raw }
      });
    } catch (e) {
      if (!(isSignetError(e) && e.kind === "unavailable"))
        throw e;
      last = e;
    }
  }
  throw last;
}
function extendsSaved(savedRaw, local, verifier) {
  const old = openCheckpoint(savedRaw, verifier, "checkpoint accepted before").checkpoint;
  const now = local.checkpoint;
  if (old.size > now.parsed.size)
    throw rollbackError(old.size, savedRaw, now.raw, now.parsed.size);
  if (old.size > 0 && !hashEqual(local.tree().root(old.size), old.root))
    throw forkError(savedRaw, now.raw);
}
function stateMissing(log) {
  return new SignetError("STATE_MISSING", `there is no local copy of the log ${log.origin} yet`, { hint: "run `signet sync` (needs the network) first" });
}
var import_node_path6, import_node_fs4, import_promises4, MAX_CLOCK_SKEW_S;
var init_verifier = __esm({
  "dist/src/client/verifier.js"() {
    "use strict";
    import_node_path6 = require("node:path");
    import_node_fs4 = require("node:fs");
    import_promises4 = require("node:fs/promises");
    init_errors();
    init_note();
    init_ledger();
    init_proof();
    init_light();
    init_audit();
    init_verify();
    init_quorum();
    init_log_evidence();
    init_audit();
    init_hash();
    init_state2();
    init_config();
    MAX_CLOCK_SKEW_S = 300;
  }
});

// dist/src/cli/progress.js
var progress_exports = {};
__export(progress_exports, {
  progressReporter: () => progressReporter
});
function progressReporter(label, unit, enabled) {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastPrint = started;
  let printed = false;
  let finished = false;
  const interval = tty ? 250 : 5e3;
  return {
    update(done, total) {
      if (!enabled || finished)
        return;
      const now = Date.now();
      if (now - started < 1e3 || now - lastPrint < interval)
        return;
      lastPrint = now;
      const rate = done / ((now - started) / 1e3);
      const pct = total > 0 ? (100 * done / total).toFixed(1) : "100";
      const line = `${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} ${unit} (${pct}%), ${Math.round(rate).toLocaleString("en")} ${unit}/s`;
      process.stderr.write(tty ? `\r\x1B[2K${line}` : line + "\n");
      printed = true;
    },
    done() {
      if (finished)
        return;
      finished = true;
      if (printed && tty)
        process.stderr.write("\r\x1B[2K");
    }
  };
}
var init_progress = __esm({
  "dist/src/cli/progress.js"() {
    "use strict";
  }
});

// dist/src/cli/commands/verify-bundle.js
var verify_bundle_exports = {};
__export(verify_bundle_exports, {
  BUNDLE_FORMAT: () => BUNDLE_FORMAT,
  makeBundle: () => makeBundle,
  verifyBundleFile: () => verifyBundleFile
});
async function makeBundle(v, pkg, version) {
  const normalized2 = normalizeVersion(version);
  const rel = v.state.release(pkg, normalized2);
  if (rel === void 0) {
    throw new SignetError("RELEASE_NOT_IN_LOG", `${pkg} ${version} is not in the log ${v.log.origin}`, { hint: "check the name and version; run signet sync" });
  }
  const entries = [];
  for (const { index, entry: e } of v.vendorEntries(vendorOf(pkg))) {
    if (!isKeyStatement(e.statement) && entryLookupKeys(e).version !== `${pkg}@${normalized2}`)
      continue;
    entries.push({ index, entry: e.bytes.toString("base64"), proof: (await v.proof(index)).map((h) => Buffer.from(h).toString("base64")) });
  }
  return { format: BUNDLE_FORMAT, log: { origin: v.log.origin, verifierKey: v.log.verifierKey }, checkpoint: v.checkpoint, package: pkg, version: normalized2, entries };
}
function bad2(why) {
  return new SignetError("USAGE", `not a Signet release bundle: ${why}`, { expected: `{"format": "${BUNDLE_FORMAT}", ...} made by signet bundle` });
}
async function verifyBundleFile(file, flags) {
  let b;
  try {
    b = JSON.parse(await (0, import_promises5.readFile)(file, "utf8"));
  } catch (e) {
    throw new SignetError("USAGE", `cannot read the bundle ${file}: ${e.message}`, { cause: e });
  }
  if (b?.format !== BUNDLE_FORMAT || !Array.isArray(b.entries) || typeof b.checkpoint !== "string" || typeof b.package !== "string" || typeof b.version !== "string")
    throw bad2("missing fields");
  const config = await loadTrustConfig({ projectDir: (0, import_node_path7.resolve)(flags.project ?? "."), ...flags.config === void 0 ? {} : { configFile: flags.config } });
  const log = config.logs.find((l) => l.origin === b.log?.origin);
  if (log === void 0) {
    throw new SignetError("CHECKPOINT_NOT_SIGNED", `the bundle is from the log ${String(b.log?.origin)}, which your configuration does not trust`, {
      expected: config.logs.map((l) => l.origin).join(", "),
      got: String(b.log?.origin),
      attack: "a bundle from an impostor log"
    });
  }
  const { checkpoint } = openCheckpoint(b.checkpoint, ed25519NoteVerifier(log.verifierKey));
  checkFreshness(config, b.checkpoint, /* @__PURE__ */ new Date());
  const notes = [];
  const { CheckpointStore: CheckpointStore2 } = await Promise.resolve().then(() => (init_state2(), state_exports));
  const saved = await new CheckpointStore2().read(log.origin);
  if (saved !== void 0) {
    const mine = openCheckpoint(saved.raw, ed25519NoteVerifier(log.verifierKey), "checkpoint accepted before").checkpoint;
    if (mine.size === checkpoint.size && !mine.root.equals(checkpoint.root)) {
      const { forkError: forkError2 } = await Promise.resolve().then(() => (init_log_evidence(), log_evidence_exports));
      throw forkError2(saved.raw, b.checkpoint);
    }
    if (mine.size > checkpoint.size)
      notes.push(`the bundle's checkpoint (size ${checkpoint.size}) is older than the one you accepted (size ${mine.size}): entries after it, such as a revocation, are not in it`);
  }
  const state = new LedgerState();
  const ledger = ledgerConfigOf(config);
  const sorted = [...b.entries].sort((x, y) => x.index - y.index);
  for (const item of sorted) {
    const bytes = typeof item.entry === "string" ? decodeCanonicalBase64(item.entry) : void 0;
    if (bytes === void 0 || !Number.isSafeInteger(item.index) || !Array.isArray(item.proof))
      throw bad2(`entry ${String(item.index)} is malformed`);
    const proof = item.proof.map((h) => {
      const d = typeof h === "string" ? decodeCanonicalBase64(h) : void 0;
      if (d === void 0 || d.length !== 32)
        throw bad2(`a proof hash of entry ${item.index} is malformed`);
      return d;
    });
    verifyInclusion(item.index, checkpoint.size, leafHash(bytes), proof, checkpoint.root);
    state.skipTo(item.index);
    applyInPlace(state, parseEntry(bytes), ledger);
  }
  const verdict = await verifyRelease(state, { package: b.package, version: b.version }, config);
  const out = { ok: true, package: verdict.package, version: verdict.prettyVersion, index: verdict.index, keyId: verdict.keyId, sha256: verdict.sha256, sha1: verdict.sha1, h1: verdict.h1, logSize: checkpoint.size, notes: [...verdict.notes, ...notes] };
  process.stdout.write(flags.json ? JSON.stringify(out) + "\n" : `Verified ${verdict.package} ${verdict.prettyVersion} offline: log #${verdict.index} in ${log.origin} at size ${checkpoint.size}, signed by key ${verdict.keyId}
  sha256 ${verdict.sha256}
  sha1   ${verdict.sha1}
  h1     ${verdict.h1}
` + notes.map((n) => `note: ${n}
`).join("") + "A bundle cannot show that nothing was left out of it (e.g. a later revocation); `signet verify` online can.\n");
  return 0;
}
var import_promises5, import_node_path7, BUNDLE_FORMAT;
var init_verify_bundle = __esm({
  "dist/src/cli/commands/verify-bundle.js"() {
    "use strict";
    import_promises5 = require("node:fs/promises");
    import_node_path7 = require("node:path");
    init_errors();
    init_note();
    init_base64();
    init_ledger();
    init_audit();
    init_hash();
    init_proof();
    init_verifier();
    init_config();
    init_verify();
    BUNDLE_FORMAT = "signet-bundle/v1";
  }
});

// dist/src/cli/commands/verify-explain.js
var verify_explain_exports = {};
__export(verify_explain_exports, {
  explain: () => explain
});
async function explain(pkg, version, flags, v) {
  try {
    const normalized2 = normalizeVersion(version);
    const r = v.state.release(pkg, normalized2);
    if (r === void 0) {
      throw new SignetError("RELEASE_NOT_IN_LOG", `${pkg} ${version} is not in the log ${v.log.origin}`, {
        got: `releases of ${pkg}: ${v.state.releasesOf(pkg).map((x) => x.prettyVersion).join(", ") || "none"}`
      });
    }
    const vendor = vendorOf(pkg);
    const cp = v.checkpointParsed;
    const key2 = v.state.key(vendor, r.keyId);
    let verdict;
    let code = 0;
    try {
      const ok = await verifyRelease(v.state, { package: pkg, version }, v.config, { digests: v.digests });
      verdict = `VERIFIED${ok.notes.length ? ` (${ok.notes.join("; ")})` : ""}`;
    } catch (e) {
      if (!(e instanceof SignetError))
        throw e;
      verdict = `REFUSED ${e.code}: ${e.message}`;
      code = 1;
    }
    const entry = v.entry(r.index);
    const chain = {
      package: pkg,
      version: r.prettyVersion,
      verdict,
      log: { origin: v.log.origin, size: cp.size, root: cp.root.toString("base64") },
      release: { index: r.index, leafHash: leafHash(entry.bytes).toString("base64"), time: r.time, subjects: r.subjects, h1: r.h1, source: r.source, proof: (await v.proof(r.index)).map((h) => Buffer.from(h).toString("base64")) },
      key: { id: key2.id, role: key2.role, validFrom: key2.from, validUntil: key2.until ?? null, addedBy: key2.addedBy, revocation: key2.revocation ?? null },
      vendor: { name: vendor, threshold: v.state.threshold(vendor), keys: v.state.keysOf(vendor).map((k) => ({ id: k.id, role: k.role, from: k.from, until: k.until ?? null, addedBy: k.addedBy })), breakGlass: v.state.breakGlassActions(vendor) },
      revoked: r.revoked ?? null,
      attestations: r.attestations.map((a) => ({ index: a.index, kind: a.attestation, keyId: a.keyId, note: a.note ?? null, time: a.time }))
    };
    if (flags.json) {
      process.stdout.write(JSON.stringify(chain) + "\n");
      return code;
    }
    const lines = [
      `${pkg} ${r.prettyVersion}: ${verdict}`,
      `  log          ${v.log.origin}, size ${cp.size}, root ${chain.log.root}`,
      `  release      entry #${r.index} (${r.time}), leaf hash ${chain.release.leafHash}`,
      `               inclusion proof: ${chain.release.proof.length} hashes to the checkpoint's root`,
      `  archive      ${r.subjects.map((s) => `${s.name} sha256:${s.digest.sha256} sha1:${s.digest.sha1}`).join(", ")}`,
      `  content      ${r.h1}`,
      `  source       ${r.source.url} @ ${r.source.reference}`,
      `  signed by    ${key2.id} (${key2.role}), valid from entry #${key2.from}${key2.until === void 0 ? "" : ` until #${key2.until}`}, added by ${key2.addedBy}`,
      `  vendor keys  (threshold ${chain.vendor.threshold}):`,
      ...chain.vendor.keys.map((k) => `               ${k.id} ${k.role} #${k.from}${k.until === null ? " current" : `..#${k.until} revoked`} (${k.addedBy})`),
      ...chain.vendor.breakGlass.map((b) => `  BREAK-GLASS  #${b.index} ${b.kind}: ${b.reason}`),
      `  revoked      ${r.revoked ? `#${r.revoked.index}: ${r.revoked.reason}` : "no"}`,
      `  attestations ${r.attestations.length === 0 ? "none" : ""}`,
      ...chain.attestations.map((a) => `               #${a.index} ${a.kind} by ${a.keyId}${a.note ? `: ${a.note}` : ""}`)
    ];
    process.stdout.write(lines.join("\n") + "\n");
    return code;
  } finally {
    v.close();
  }
}
var init_verify_explain = __esm({
  "dist/src/cli/commands/verify-explain.js"() {
    "use strict";
    init_errors();
    init_ledger();
    init_hash();
    init_verify();
  }
});

// dist/src/cli/archive-batch.js
var archive_batch_exports = {};
__export(archive_batch_exports, {
  MAX_BATCH_ARCHIVES: () => MAX_BATCH_ARCHIVES,
  MAX_BATCH_FILE: () => MAX_BATCH_FILE,
  MAX_STREAM_LINE: () => MAX_STREAM_LINE,
  parseArchiveRequest: () => parseArchiveRequest,
  parseBatchFile: () => parseBatchFile,
  readArchiveStream: () => readArchiveStream
});
function parseArchiveRequest(v, where) {
  const o = typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
  const field = (k) => {
    const x = o?.[k];
    return typeof x === "string" && x !== "" && !x.includes("\0") && x.length <= 4096 ? x : void 0;
  };
  const file = field("file");
  const pkg = field("package");
  const version = field("version");
  if (file === void 0 || pkg === void 0 || version === void 0) {
    throw new SignetError("USAGE", `${where} is not an archive request`, { expected: FORM, got: JSON.stringify(v)?.slice(0, 200) ?? String(v) });
  }
  return { file, package: pkg, version };
}
function parseBatchFile(text2, name) {
  if (text2.length > MAX_BATCH_FILE)
    throw new SignetError("USAGE", `the batch file ${name} is larger than ${MAX_BATCH_FILE} bytes`);
  let o;
  try {
    o = JSON.parse(text2);
  } catch (e) {
    throw new SignetError("USAGE", `the batch file ${name} is not JSON: ${e.message}`, { expected: `{"archives": [${FORM}, ...]}` });
  }
  const list = typeof o === "object" && o !== null ? o.archives : void 0;
  if (!Array.isArray(list))
    throw new SignetError("USAGE", `the batch file ${name} has no "archives" list`, { expected: `{"archives": [${FORM}, ...]}`, got: JSON.stringify(o)?.slice(0, 200) });
  if (list.length > MAX_BATCH_ARCHIVES)
    throw new SignetError("USAGE", `the batch file ${name} lists ${list.length} archives; at most ${MAX_BATCH_ARCHIVES} per batch`);
  return list.map((a, i) => parseArchiveRequest(a, `archives[${i}] of ${name}`));
}
async function readArchiveStream(input, onArchive) {
  let problem2;
  let ended = false;
  let count = 0;
  let lineNo = 0;
  let pending = [];
  let pendingBytes = 0;
  let overlong = false;
  const fail = (e) => {
    problem2 ??= e;
  };
  const line = (bytes) => {
    lineNo++;
    if (problem2 !== void 0)
      return;
    const text2 = bytes.toString("utf8").trim();
    if (text2 === "")
      return;
    if (ended)
      return fail(new SignetError("USAGE", `line ${lineNo} of the archive stream comes after its end line`, { got: text2.slice(0, 200) }));
    let v;
    try {
      v = JSON.parse(text2);
    } catch (e) {
      return fail(new SignetError("USAGE", `line ${lineNo} of the archive stream is not JSON: ${e.message}`, { expected: FORM, got: text2.slice(0, 200) }));
    }
    if (typeof v === "object" && v !== null && v.end === true && Object.keys(v).length === 1) {
      ended = true;
      return;
    }
    if (count >= MAX_BATCH_ARCHIVES)
      return fail(new SignetError("USAGE", `the archive stream has more than ${MAX_BATCH_ARCHIVES} archives`));
    let a;
    try {
      a = parseArchiveRequest(v, `line ${lineNo} of the archive stream`);
    } catch (e) {
      return fail(e);
    }
    count++;
    try {
      onArchive(a);
    } catch (e) {
      fail(e instanceof SignetError ? e : new SignetError("USAGE", `line ${lineNo} of the archive stream: ${e.message}`, { cause: e }));
    }
  };
  for await (const chunk of input) {
    let b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    for (let nl = b.indexOf(10); nl !== -1; nl = b.indexOf(10)) {
      const head = b.subarray(0, nl);
      if (!overlong && pendingBytes + head.length <= MAX_STREAM_LINE)
        line(pending.length === 0 ? head : Buffer.concat([...pending, head]));
      else {
        lineNo++;
        fail(new SignetError("USAGE", `line ${lineNo} of the archive stream is longer than ${MAX_STREAM_LINE} bytes`));
      }
      pending = [];
      pendingBytes = 0;
      overlong = false;
      b = b.subarray(nl + 1);
    }
    if (b.length > 0 && !overlong) {
      if (pendingBytes + b.length > MAX_STREAM_LINE) {
        overlong = true;
        pending = [];
      } else {
        pending.push(Buffer.from(b));
        pendingBytes += b.length;
      }
    }
  }
  if (overlong) {
    lineNo++;
    fail(new SignetError("USAGE", `line ${lineNo} of the archive stream is longer than ${MAX_STREAM_LINE} bytes`));
  } else if (pendingBytes > 0)
    line(Buffer.concat(pending));
  if (problem2 === void 0 && !ended) {
    problem2 = new SignetError("USAGE", 'the archive stream ended without its end line {"end": true}: the batch may be incomplete', {
      hint: "the program sending the archives stopped before it finished (for Composer, see its own error above)"
    });
  }
  if (problem2 !== void 0)
    throw problem2;
  return count;
}
var MAX_BATCH_ARCHIVES, MAX_STREAM_LINE, MAX_BATCH_FILE, FORM;
var init_archive_batch = __esm({
  "dist/src/cli/archive-batch.js"() {
    "use strict";
    init_errors();
    MAX_BATCH_ARCHIVES = 1e5;
    MAX_STREAM_LINE = 64 * 1024;
    MAX_BATCH_FILE = 32 * 1024 * 1024;
    FORM = '{"file": "...", "package": "vendor/name", "version": "..."}';
  }
});

// dist/src/cli/commands/verify.js
var verify_exports2 = {};
__export(verify_exports2, {
  registerVerify: () => registerVerify
});
function exitFor(rows, errors) {
  if (errors.some((e) => e.kind === "verification" || e.kind === "format"))
    return 1;
  if (errors.some((e) => e.kind === "unavailable"))
    return 3;
  if (errors.length > 0)
    return 2;
  return rows.every((r) => r.ok) ? 0 : 1;
}
async function open4(flags, progress, packages) {
  const [{ openVerifier: openVerifier2 }, { progressReporter: progressReporter2 }] = await Promise.all([Promise.resolve().then(() => (init_verifier(), verifier_exports)), Promise.resolve().then(() => (init_progress(), progress_exports))]);
  const bar = progressReporter2("syncing the log", "entries", progress && !flags.json && process.stderr.isTTY === true);
  try {
    return await openVerifier2({
      projectDir: import_node_path8.default.resolve(flags.project ?? "."),
      ...flags.config === void 0 ? {} : { configFile: flags.config },
      offline: flags.offline === true,
      onProgress: (done, total) => bar.update(done, total),
      ...packages === void 0 ? {} : { packages }
    });
  } finally {
    bar.done();
  }
}
function registerVerify(program2) {
  program2.command("sync").description("Bring the local copy of the trusted log up to date: fetch the new entry bundles, prove they give the\nlog's signed root (and so that the stored checkpoint is a prefix), replay each through the ledger's\nstate machine, and store them with the checkpoint. Resumable: fetched bundles are kept until proven.").addOption(configOption()).addOption(projectOption()).option("--json", "print the result as JSON").action(async (flags) => {
    const v = await open4(flags, true);
    try {
      const cp = v.checkpointParsed;
      const out = { ok: true, origin: v.log.origin, mode: v.mode, size: cp.size, root: cp.root.toString("base64"), fetched: v.fetched, vendors: v.state.vendors().length, notes: v.notes };
      process.stdout.write(flags.json ? JSON.stringify(out) + "\n" : (v.mode === "full" ? `Synced ${v.log.origin}: ${cp.size} entries (${v.fetched} new), ${out.vendors} vendors, root ${out.root}
` : `Checked ${v.log.origin} (light mode): size ${cp.size}, root ${out.root}, consistent with the checkpoint accepted before
`) + v.notes.map((n) => `note: ${n}
`).join(""));
    } finally {
      v.close();
    }
  });
  program2.command("verify").description("Verify every package of composer.lock against the transparency log: its release entry is in the log,\nsigned by a key that was the vendor's at that index, not revoked; the lock's dist.shasum is the signed\nsha1; the attestation and break-glass policies hold; with --installed, the files under vendor/<package>\nhash to the signed h1. Exit 0 verified, 1 a verification failed, 2 usage or config, 3 a service unavailable.").argument("[lockfile]", "the composer.lock to verify", "composer.lock").option("--installed", "also hash the installed files under the vendor folder").option("--no-dev", "skip packages-dev").option("--bundle <file>", "verify one release from a bundle made by `signet bundle` (use with --offline)").option("--offline", "use the local copy of the log only (no network)").addOption(configOption()).addOption(projectOption()).option("--json", "print the results as JSON").action(async (lockfile, flags) => {
    if (flags.bundle !== void 0) {
      const { verifyBundleFile: verifyBundleFile2 } = await Promise.resolve().then(() => (init_verify_bundle(), verify_bundle_exports));
      process.exitCode = await verifyBundleFile2(flags.bundle, flags);
      return;
    }
    process.exitCode = await runVerifyLock(lockfile, flags);
  });
  program2.command("verify-archive").description('Verify downloaded archives before they are installed (what the Composer plugin calls, once per run):\neach archive must be the signed release of PACKAGE at VERSION in the log. With --batch FILE, FILE is\n{"archives": [{"file", "package", "version"}, ...]}. With --batch -, the archives come on stdin, one\n{"file", "package", "version"} per line, then the line {"end": true}: each is hashed as it arrives, and the\nlog is asked once the end line is read. Prints one JSON line with --json.').argument("[file]", "the archive").option("--package <name>", "vendor/name").option("--version <version>", "the version").option("--batch <file>", "verify many archives listed in a JSON file, or streamed on stdin (-)").option("--offline", "use the local copy of the log only (no network)").addOption(configOption()).addOption(projectOption()).option("--json", 'print one JSON line: {"ok", "results": [...]}').action(async (file, flags) => {
    process.exitCode = await runVerifyArchives(file, flags);
  });
  program2.command("explain").description("Show the chain behind a release's verdict: the release entry, the signing key and its history, the inclusion proof, attestations, revocations").argument("<package>", "vendor/name").argument("<version>", "the version").option("--offline", "use the local copy of the log only (no network)").addOption(configOption()).addOption(projectOption()).option("--json", "print the chain as JSON").action(async (pkg, version, flags) => {
    const { explain: explain2 } = await Promise.resolve().then(() => (init_verify_explain(), verify_explain_exports));
    process.exitCode = await explain2(pkg, version, flags, await open4(flags, false, [pkg]));
  });
  program2.command("bundle").description("Print everything needed to verify one release with no network: the checkpoint, the release entry, the\nvendor's key entries, revocations and attestations, each with its inclusion proof. Verify it with\n`signet verify --bundle FILE --offline`.").argument("<package>", "vendor/name").argument("<version>", "the version").option("--offline", "use the local copy of the log only (no network)").addOption(configOption()).addOption(projectOption()).action(async (pkg, version, flags) => {
    const { makeBundle: makeBundle2 } = await Promise.resolve().then(() => (init_verify_bundle(), verify_bundle_exports));
    const v = await open4(flags, false, [pkg]);
    try {
      process.stdout.write(JSON.stringify(await makeBundle2(v, pkg, version), null, 1) + "\n");
    } finally {
      v.close();
    }
  });
}
async function runVerifyLock(lockfile, flags) {
  const [{ SignetError: SignetError2 }, { verifyRelease: verifyRelease2 }, { isSkipped: isSkipped2 }] = await Promise.all([
    Promise.resolve().then(() => (init_errors(), errors_exports)),
    Promise.resolve().then(() => (init_verify(), verify_exports)),
    Promise.resolve().then(() => (init_config(), config_exports))
  ]);
  const project = import_node_path8.default.resolve(flags.project ?? ".");
  const lockPath = import_node_path8.default.resolve(project, lockfile);
  let lock;
  try {
    lock = JSON.parse(await (0, import_promises6.readFile)(lockPath, "utf8"));
  } catch (e) {
    throw new SignetError2("USAGE", `cannot read ${lockPath}: ${e.message}`, { hint: "run composer install (or composer update --lock) to make composer.lock", cause: e });
  }
  const list = [...Array.isArray(lock.packages) ? lock.packages : [], ...flags.dev && Array.isArray(lock["packages-dev"]) ? lock["packages-dev"] : []];
  let vendorDir = import_node_path8.default.join(project, "vendor");
  try {
    const cj = JSON.parse(await (0, import_promises6.readFile)(import_node_path8.default.join(project, "composer.json"), "utf8"));
    if (typeof cj.config?.["vendor-dir"] === "string")
      vendorDir = import_node_path8.default.resolve(project, cj.config["vendor-dir"]);
  } catch {
  }
  const v = await open4(flags, true, list.map((p) => String(p.name)));
  const rows = [];
  const errors = [];
  try {
    for (const p of list) {
      const name = String(p.name);
      const version = String(p.version);
      if (isSkipped2(v.config, name)) {
        rows.push({ package: name, version, ok: true, skipped: true });
        continue;
      }
      if (p.dist?.type === "path") {
        rows.push({ package: name, version, ok: true, skipped: true, notes: ["installed from a path repository: nothing signed to check"] });
        continue;
      }
      try {
        const sha1 = typeof p.dist?.shasum === "string" && p.dist.shasum !== "" ? p.dist.shasum : void 0;
        const verdict = await verifyRelease2(v.state, { package: name, version, ...sha1 === void 0 ? {} : { sha1 }, ...flags.installed ? { installedDir: import_node_path8.default.join(vendorDir, name) } : {} }, v.config, { digests: v.digests });
        for (const ref of [p.dist?.reference, p.source?.reference]) {
          if (typeof ref === "string" && /^[0-9a-f]{40}$/.test(ref) && ref !== verdict.commit) {
            throw new SignetError2("LOCK_SHASUM_MISMATCH", `composer.lock pins ${name} ${version} to commit ${ref}, not the signed release's`, {
              expected: verdict.commit,
              got: ref,
              attack: "a lock file or metadata pointing at other code than the signed release"
            });
          }
        }
        const notes = sha1 === void 0 && !flags.installed ? [...verdict.notes, "composer.lock has no dist.shasum: the archive bytes were not checked (add --installed)"] : verdict.notes;
        rows.push({ package: name, version, ok: true, index: verdict.index, keyId: verdict.keyId, notes });
      } catch (e) {
        if (!(e instanceof SignetError2))
          throw e;
        errors.push(e);
        rows.push({ package: name, version, ok: false, error: e.toJSON() });
      }
    }
  } finally {
    v.close();
  }
  const code = exitFor(rows, errors);
  const cp = v.checkpointParsed;
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ok: code === 0, log: { origin: v.log.origin, size: cp.size }, results: rows, notes: v.notes }) + "\n");
    return code;
  }
  const w = Math.max(8, ...rows.map((r) => r.package.length));
  const lines = [`${"PACKAGE".padEnd(w)}  ${"VERSION".padEnd(12)}  RESULT`];
  for (const r of rows) {
    const result = r.skipped ? "skipped (config)" : r.ok ? `verified (log #${r.index})${r.notes?.length ? " \u2014 " + r.notes.join("; ") : ""}` : `FAILED ${String(r.error?.code)}: ${String(r.error?.message)}`;
    lines.push(`${r.package.padEnd(w)}  ${r.version.padEnd(12)}  ${result}`);
  }
  const ok = rows.filter((r) => r.ok && !r.skipped).length;
  const skipped = rows.filter((r) => r.skipped).length;
  const failed = rows.length - ok - skipped;
  lines.push("", `${ok} verified, ${failed} failed, ${skipped} skipped, against ${v.log.origin} at size ${cp.size}.`);
  for (const n of v.notes)
    lines.push(`note: ${n}`);
  for (const e of errors) {
    if (e.details.attack)
      lines.push(`${e.code}: ${e.details.attack}`);
  }
  (code === 0 ? process.stdout : process.stderr).write(lines.join("\n") + "\n");
  return code;
}
async function runVerifyArchives(file, flags) {
  const [{ SignetError: SignetError2 }, { verifyRelease: verifyRelease2, archiveDigests: archiveDigests2 }, { isSkipped: isSkipped2 }, { parseBatchFile: parseBatchFile2, readArchiveStream: readArchiveStream2 }] = await Promise.all([
    Promise.resolve().then(() => (init_errors(), errors_exports)),
    Promise.resolve().then(() => (init_verify(), verify_exports)),
    Promise.resolve().then(() => (init_config(), config_exports)),
    Promise.resolve().then(() => (init_archive_batch(), archive_batch_exports))
  ]);
  const hashed = (a) => {
    try {
      return { ...a, digests: archiveDigests2((0, import_node_fs5.readFileSync)(import_node_path8.default.resolve(a.file))) };
    } catch (e) {
      return { ...a, readError: new SignetError2("USAGE", `cannot read the archive ${a.file}: ${e.message}`, { cause: e }) };
    }
  };
  let items;
  let v;
  if (flags.batch === "-") {
    const list = [];
    items = list;
    const stream = readArchiveStream2(process.stdin, (a) => list.push(hashed(a)));
    const packages = stream.then(() => list.map((i) => i.package));
    packages.catch(() => void 0);
    const [opened, read] = await Promise.allSettled([open4(flags, false, packages), stream]);
    if (read.status === "rejected") {
      if (opened.status === "fulfilled")
        opened.value.close();
      throw read.reason;
    }
    if (opened.status === "rejected")
      throw opened.reason;
    v = opened.value;
  } else {
    if (flags.batch !== void 0) {
      let text2;
      try {
        text2 = await (0, import_promises6.readFile)(flags.batch, "utf8");
      } catch (e) {
        throw new SignetError2("USAGE", `cannot read the batch file ${flags.batch}: ${e.message}`, { cause: e });
      }
      items = parseBatchFile2(text2, flags.batch).map(hashed);
    } else {
      if (file === void 0 || flags.package === void 0 || flags.version === void 0) {
        throw new SignetError2("USAGE", "give FILE --package P --version V, or --batch FILE, or --batch - (a stream on stdin)", { hint: "signet verify-archive widget.zip --package acme/widget --version 1.0.0" });
      }
      items = [hashed({ file, package: flags.package, version: flags.version })];
    }
    v = await open4(flags, false, items.map((i) => i.package));
  }
  const rows = [];
  const errors = [];
  try {
    for (const it of items) {
      if (isSkipped2(v.config, it.package)) {
        rows.push({ package: it.package, version: it.version, file: it.file, ok: true, skipped: true });
        continue;
      }
      try {
        if ("readError" in it)
          throw it.readError;
        const verdict = await verifyRelease2(v.state, { package: it.package, version: it.version, archiveDigests: it.digests }, v.config, { digests: v.digests });
        rows.push({ package: it.package, version: it.version, file: it.file, ok: true, index: verdict.index, keyId: verdict.keyId, notes: verdict.notes });
      } catch (e) {
        if (!(e instanceof SignetError2))
          throw e;
        errors.push(e);
        rows.push({ package: it.package, version: it.version, file: it.file, ok: false, error: e.toJSON() });
      }
    }
  } finally {
    v.close();
  }
  const code = exitFor(rows, errors);
  if (flags.json)
    process.stdout.write(JSON.stringify({ ok: code === 0, results: rows }) + "\n");
  else {
    for (const r of rows) {
      const line = `${r.package} ${r.version}: ${r.skipped ? "skipped (config)" : r.ok ? `verified (log #${r.index})` : `FAILED ${String(r.error?.code)}: ${String(r.error?.message)}`}
`;
      (r.ok ? process.stdout : process.stderr).write(line);
    }
  }
  return code;
}
var import_node_fs5, import_promises6, import_node_path8, configOption, projectOption;
var init_verify2 = __esm({
  "dist/src/cli/commands/verify.js"() {
    "use strict";
    import_node_fs5 = require("node:fs");
    import_promises6 = require("node:fs/promises");
    import_node_path8 = __toESM(require("node:path"), 1);
    init_esm();
    configOption = () => new Option("--config <file>", "the trust configuration (default: ./signet.json, else extra.signet in composer.json, over your user config)");
    projectOption = () => new Option("--project <dir>", "the Composer project folder (where the config and composer.lock are)").default(".");
  }
});

// dist/src/cli/verifier-commands.js
var VERIFIER_COMMANDS = ["sync", "verify", "verify-archive", "explain", "bundle"];

// dist/src/cli/bin.js
var command = process.argv[2];
if (command !== void 0 && VERIFIER_COMMANDS.includes(command)) {
  void Promise.all([Promise.resolve().then(() => (init_program(), program_exports)), Promise.resolve().then(() => (init_verify2(), verify_exports2))]).then(([{ start: start2 }, { registerVerify: registerVerify2 }]) => start2(registerVerify2));
} else {
  void import("./src/cli/main.js");
}
//# sourceMappingURL=signet.cjs.map

<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Composer;
use Composer\Factory;
use Composer\IO\IOInterface;

/**
 * The `signet` command as the plugin sees it: where it is, how to run it, and what its answers mean.
 *
 * Where signet is (the first that is set wins; see README.md):
 *   1. env SIGNET_BIN: a path to an executable (a wrapper script is fine);
 *   2. `extra.signet.bin` in the root composer.json, relative to the project folder;
 *   3. `signet` on PATH, ignoring relative PATH entries and the project's vendor/ and bin-dir.
 * vendor/bin is never searched: it is written by the very packages the plugin verifies, so a package
 * could otherwise ship its own "signet" that approves everything. For the same reason signet runs with
 * the bin-dir removed from PATH (Composer's EventDispatcher::ensureBinDirIsInPath puts it in front
 * before calling listeners), so `#!/usr/bin/env node` cannot pick a `node` from vendor/bin either.
 */
final class Signet
{
    /** Exit codes of the signet CLI. */
    public const EXIT_OK = 0;
    public const EXIT_VERIFY_FAILED = 1;
    public const EXIT_USAGE = 2;
    public const EXIT_UNAVAILABLE = 3;

    /** @var Composer */
    private $composer;
    /** @var IOInterface */
    private $io;
    /** @var string */
    private $projectDir;

    public function __construct(Composer $composer, IOInterface $io)
    {
        $this->composer = $composer;
        $this->io = $io;
        $this->projectDir = self::projectDir();
    }

    /** The folder of the root composer.json (Composer has already chdir'ed for --working-dir). */
    public static function projectDir(): string
    {
        $file = Factory::getComposerFile();
        $dir = realpath(dirname($file));

        return $dir !== false ? $dir : (string) getcwd();
    }

    public function getProjectDir(): string
    {
        return $this->projectDir;
    }

    /** A variable of the environment as Composer reads it ($_SERVER first, then getenv). */
    public static function env(string $name): ?string
    {
        if (array_key_exists($name, $_SERVER) && is_scalar($_SERVER[$name])) {
            return (string) $_SERVER[$name];
        }
        $value = getenv($name);

        return $value === false ? null : $value;
    }

    /** SIGNET_PLUGIN_DISABLE=1 (or true/yes) turns verification off. */
    public static function disabled(): bool
    {
        $value = self::env('SIGNET_PLUGIN_DISABLE');

        return $value !== null && in_array(strtolower(trim($value)), ['1', 'true', 'yes', 'on'], true);
    }

    /**
     * The signet executable and where its path came from, e.g. ['/usr/bin/signet', 'PATH'].
     *
     * @return array{0: string, 1: string}
     * @throws SignetUnavailable when it is not configured or not executable
     */
    public function locate(): array
    {
        $fromEnv = self::env('SIGNET_BIN');
        if ($fromEnv !== null && $fromEnv !== '') {
            return [$this->checkExecutable($fromEnv, (string) getcwd(), 'SIGNET_BIN'), 'SIGNET_BIN'];
        }
        $extra = $this->composer->getPackage()->getExtra();
        if (isset($extra['signet']) && is_array($extra['signet']) && array_key_exists('bin', $extra['signet'])) {
            $bin = $extra['signet']['bin'];
            if (!is_string($bin) || $bin === '') {
                throw new SignetUnavailable('extra.signet.bin in composer.json must be a path to the signet executable', 'set "extra": {"signet": {"bin": "/path/to/signet"}} or remove it');
            }

            return [$this->checkExecutable($bin, $this->projectDir, 'extra.signet.bin in composer.json'), 'extra.signet.bin'];
        }
        $found = $this->findOnPath();
        if ($found !== null) {
            return [$found, 'PATH'];
        }

        throw new SignetUnavailable(
            'no signet command was found: SIGNET_BIN is not set, composer.json has no extra.signet.bin, and there is no signet on PATH (vendor/bin is not searched)',
            'install signet and put it on PATH, or point SIGNET_BIN=/path/to/signet (or extra.signet.bin in composer.json) at it'
        );
    }

    /**
     * Starts `signet verify-archive --batch - --project DIR --json`: the archives are sent to it one by one
     * as Composer downloads them (ArchiveStream::send), and its answer is read by finishArchiveStream().
     *
     * @throws SignetUnavailable when signet is not found or cannot be started
     */
    public function openArchiveStream(): ArchiveStream
    {
        list($bin, $origin) = $this->locate();
        $command = [$bin, 'verify-archive', '--batch', '-', '--project', $this->projectDir, '--json'];
        $this->io->writeError('signet: started ' . implode(' ', $command) . ' (signet found via ' . $origin . '); the archives are sent as they are downloaded', true, IOInterface::VERBOSE);

        return new ArchiveStream($command, $this->projectDir, $this->childEnv(), $origin);
    }

    /**
     * Ends the stream and reads signet's verdict on $archives (the archives sent that are still to be
     * installed).
     *
     * @param list<array{file: string, package: string, version: string}> $archives
     * @throws SignetUnavailable when signet does not answer in time
     */
    public function finishArchiveStream(ArchiveStream $stream, array $archives): VerifyOutcome
    {
        $answer = $stream->finish($this->timeout());

        return VerifyOutcome::fromProcess($archives, $answer['exitCode'], $answer['stdout'], $answer['stderr'], $stream->getBin(), $stream->getOrigin(), $answer['seconds']);
    }

    /**
     * Runs `signet ARGS...` in the project folder with this terminal attached (stdin, stdout and stderr
     * are Composer's own, so signet can prompt for a passphrase) and returns its exit code.
     *
     * @param list<string> $args
     * @throws SignetUnavailable
     */
    public function passthru(array $args): int
    {
        list($bin) = $this->locate();
        $command = array_merge([$bin], $args);
        $descriptors = [
            0 => defined('STDIN') ? STDIN : ['file', 'php://stdin', 'r'],
            1 => defined('STDOUT') ? STDOUT : ['file', 'php://stdout', 'w'],
            2 => defined('STDERR') ? STDERR : ['file', 'php://stderr', 'w'],
        ];
        $commandLine = self::commandLine($command);
        $pipes = [];
        $process = @proc_open($commandLine, $descriptors, $pipes, $this->projectDir, $this->childEnv());
        if (!is_resource($process)) {
            $error = error_get_last();
            throw new SignetUnavailable(sprintf('%s could not be started%s', $bin, $error !== null ? ': ' . $error['message'] : ''), 'check that it runs: ' . $bin . ' --help');
        }

        return proc_close($process);
    }

    /**
     * $command for proc_open: PHP 7.4+ runs an array without a shell; older PHP needs one command line.
     *
     * @param list<string> $command
     * @return list<string>|string
     */
    public static function commandLine(array $command)
    {
        return PHP_VERSION_ID >= 70400 ? $command : implode(' ', array_map('escapeshellarg', $command));
    }

    /** The process timeout: Composer's process-timeout (300 s by default; 0 = none). */
    private function timeout(): ?float
    {
        $timeout = (int) $this->composer->getConfig()->get('process-timeout');

        return $timeout > 0 ? (float) $timeout : null;
    }

    private function checkExecutable(string $path, string $base, string $origin): string
    {
        $full = self::isAbsolute($path) ? $path : rtrim($base, '/\\') . DIRECTORY_SEPARATOR . $path;
        if (!file_exists($full)) {
            throw new SignetUnavailable(sprintf('%s points to %s, which does not exist', $origin, $full), 'point it at the signet executable, e.g. the output of `command -v signet`');
        }
        if (!is_file($full) || (DIRECTORY_SEPARATOR === '/' && !is_executable($full))) {
            throw new SignetUnavailable(sprintf('%s points to %s, which is not an executable file', $origin, $full), 'chmod +x it, or point it at the signet executable');
        }

        return $full;
    }

    private function findOnPath(): ?string
    {
        $names = DIRECTORY_SEPARATOR === '\\' ? ['signet.cmd', 'signet.bat', 'signet.exe'] : ['signet'];
        foreach ($this->trustedPathDirs() as $dir) {
            foreach ($names as $name) {
                $file = $dir . DIRECTORY_SEPARATOR . $name;
                if (is_file($file) && (DIRECTORY_SEPARATOR === '\\' || is_executable($file))) {
                    return $file;
                }
            }
        }

        return null;
    }

    /**
     * PATH without relative entries (they name the current folder, the project) and without anything
     * inside the project's vendor-dir or bin-dir.
     *
     * @return list<string>
     */
    private function trustedPathDirs(): array
    {
        $path = self::env('PATH');
        if ($path === null) {
            $path = (string) self::env('Path');
        }
        $excluded = [];
        foreach (['vendor-dir', 'bin-dir'] as $key) {
            $dir = realpath((string) $this->composer->getConfig()->get($key));
            if ($dir !== false) {
                $excluded[] = rtrim($dir, '/\\') . DIRECTORY_SEPARATOR;
            }
        }
        $dirs = [];
        foreach (explode(PATH_SEPARATOR, $path) as $dir) {
            if ($dir === '' || !self::isAbsolute($dir)) {
                continue;
            }
            $real = realpath($dir);
            if ($real === false) {
                continue;
            }
            $withSlash = rtrim($real, '/\\') . DIRECTORY_SEPARATOR;
            foreach ($excluded as $bad) {
                if (strpos($withSlash, $bad) === 0) {
                    continue 2;
                }
            }
            $dirs[] = $dir;
        }

        return $dirs;
    }

    /** @return array<string, string> the environment for signet: Composer's, with PATH as trustedPathDirs */
    private function childEnv(): array
    {
        $env = [];
        foreach (getenv() as $key => $value) {
            if (is_string($value)) {
                $env[$key] = $value;
            }
        }
        $pathKey = array_key_exists('PATH', $env) || !array_key_exists('Path', $env) ? 'PATH' : 'Path';
        $env[$pathKey] = implode(PATH_SEPARATOR, $this->trustedPathDirs());

        return $env;
    }

    private static function isAbsolute(string $path): bool
    {
        return $path !== '' && ($path[0] === '/' || $path[0] === '\\' || preg_match('{^[A-Za-z]:[/\\\\]}', $path) === 1);
    }
}

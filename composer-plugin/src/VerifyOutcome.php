<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

/**
 * What one `signet verify-archive --batch ... --json` run said, read strictly: the run passes only when
 * signet exits 0, says {"ok": true}, and reports every archive that was sent as ok (or skipped by its
 * policy). Anything else (a failed archive, an archive it did not report on, an unreadable answer, exit
 * 2 or 3, any other exit code) is a failure, so the plugin fails closed.
 *
 * The contract (stdout is ONE JSON line):
 *   {"ok": bool, "results": [{"package", "version", "file", "ok": bool, "skipped"?: bool,
 *                             "error"?: {"code", "message", "expected"?, "got"?, "attack"?, "hint"?}}]}
 *   or, on a usage/configuration error or an unavailable service, {"ok": false, "error": {...}}.
 * Exit codes: 0 all verified (or skipped by policy), 1 a verification failed, 2 usage or configuration,
 * 3 a service unavailable.
 */
final class VerifyOutcome
{
    /** @var bool */
    private $ok;
    /** @var int */
    private $exitCode;
    /** @var list<string> one line per failed archive: "acme/widget 1.0.0: CODE message" */
    private $failures = [];
    /** @var array<int, list<string>> more lines per failure (expected, got, attack, hint), by index in $failures */
    private $details = [];
    /** @var string|null what went wrong when it is not about one archive */
    private $problem;
    /** @var string|null signet's hint about $problem */
    private $problemHint;
    /** @var list<string> archives signet skipped by its policy: "acme/widget 1.0.0" */
    private $skipped = [];
    /** @var array<string, string|null> file => the signed composer.json signet read from that verified archive (null: none given) */
    private $composerJson = [];
    /** @var float */
    private $seconds;

    private function __construct(int $exitCode, float $seconds)
    {
        $this->exitCode = $exitCode;
        $this->seconds = $seconds;
        $this->ok = false;
    }

    /**
     * @param list<array{file: string, package: string, version: string}> $archives what was sent
     */
    public static function fromProcess(array $archives, int $exitCode, string $stdout, string $stderr, string $bin, string $origin, float $seconds): self
    {
        $o = new self($exitCode, $seconds);
        $answer = self::parse($stdout);
        $stderrTail = self::tail($stderr);

        if ($answer === null) {
            if ($exitCode === Signet::EXIT_UNAVAILABLE) {
                $o->problem = 'a service signet needs is unavailable (exit 3)' . ($stderrTail !== '' ? ': ' . $stderrTail : '') . '; retry later';
            } elseif ($exitCode === Signet::EXIT_USAGE) {
                $o->problem = 'signet refused the request as a usage or configuration error (exit 2)' . ($stderrTail !== '' ? ': ' . $stderrTail : '');
            } else {
                $o->problem = sprintf('%s (found via %s) gave no readable answer (exit %d%s)', $bin, $origin, $exitCode, $stderrTail !== '' ? ', stderr: ' . $stderrTail : '');
            }

            return $o;
        }

        $results = self::indexResults(isset($answer['results']) && is_array($answer['results']) ? $answer['results'] : []);
        foreach ($archives as $archive) {
            $result = self::findResult($results, $archive);
            $label = $archive['package'] . ' ' . $archive['version'];
            if ($result === null) {
                if ($exitCode === Signet::EXIT_OK) {
                    $o->failures[] = $label . ': NOT_REPORTED signet did not report on this archive (' . $archive['file'] . ')';
                }
                continue;
            }
            if (($result['ok'] ?? null) === true) {
                if (($result['skipped'] ?? null) === true) {
                    $o->skipped[] = $label;
                } else {
                    $o->composerJson[$archive['file']] = isset($result['composerJson']) && is_string($result['composerJson']) ? $result['composerJson'] : null;
                }
                continue;
            }
            $error = isset($result['error']) && is_array($result['error']) ? $result['error'] : [];
            $o->failures[] = $label . ': ' . self::errorLine($error, 'VERIFY_FAILED', 'verification failed');
            foreach (['expected', 'got', 'attack', 'hint'] as $field) {
                if (isset($error[$field]) && is_scalar($error[$field]) && (string) $error[$field] !== '') {
                    $o->details[count($o->failures) - 1][] = '      ' . $field . ': ' . self::oneLine((string) $error[$field]);
                }
            }
        }

        $topError = isset($answer['error']) && is_array($answer['error']) ? $answer['error'] : null;
        if ($exitCode === Signet::EXIT_OK) {
            if (($answer['ok'] ?? null) !== true) {
                $o->problem = 'signet exited 0 but did not answer {"ok": true}';
            } elseif ($o->failures === []) {
                $o->ok = true;
            }
        } elseif ($o->failures === []) {
            // No archive-level failure to show: say what signet said about the run as a whole.
            $what = $exitCode === Signet::EXIT_UNAVAILABLE ? 'a service signet needs is unavailable (exit 3); retry later'
                : ($exitCode === Signet::EXIT_USAGE ? 'signet refused the request as a usage or configuration error (exit 2)'
                : ($exitCode === Signet::EXIT_VERIFY_FAILED ? 'signet reported a failed verification (exit 1)'
                : sprintf('%s (found via %s) exited %d', $bin, $origin, $exitCode)));
            if ($topError !== null) {
                $what .= ': ' . self::errorLine($topError, 'ERROR', 'no message');
                // The whole record: for a fork or a rollback the evidence is both signed checkpoints,
                // which the user must be able to keep and report.
                $lines = [];
                foreach (['attack', 'expected', 'got', 'hint'] as $field) {
                    if (isset($topError[$field]) && is_scalar($topError[$field]) && (string) $topError[$field] !== '') {
                        $lines[] = '  ' . $field . ': ' . self::oneLine((string) $topError[$field]);
                    }
                }
                if (isset($topError['evidence']) && is_array($topError['evidence'])) {
                    foreach ($topError['evidence'] as $key => $value) {
                        if (!is_scalar($value)) {
                            continue;
                        }
                        $text = rtrim((string) $value, "\n");
                        if (strpos($text, "\n") === false) {
                            $lines[] = '  evidence ' . $key . ': ' . $text;
                        } else {
                            $lines[] = '  evidence ' . $key . ':';
                            foreach (explode("\n", $text) as $line) {
                                $lines[] = '      ' . $line;
                            }
                        }
                    }
                }
                if ($lines !== []) {
                    $o->problemHint = implode("\n  ", $lines);
                }
            } elseif ($stderrTail !== '') {
                $what .= ': ' . $stderrTail;
            }
            $o->problem = $what;
        }

        return $o;
    }

    public function isOk(): bool
    {
        return $this->ok;
    }

    public function getExitCode(): int
    {
        return $this->exitCode;
    }

    /** @return list<string> */
    public function getFailures(): array
    {
        return $this->failures;
    }

    /**
     * The full report: each failure with its details (expected, got, attack, hint) below it, then the
     * problem with the run as a whole, if any.
     *
     * @return list<string>
     */
    public function getReport(): array
    {
        $lines = [];
        foreach ($this->failures as $i => $failure) {
            $lines[] = '  ' . $failure;
            foreach ($this->details[$i] ?? [] as $detail) {
                $lines[] = $detail;
            }
        }
        if ($this->problem !== null) {
            $lines[] = '  ' . $this->problem;
            if ($this->problemHint !== null) {
                $lines[] = '  ' . $this->problemHint;
            }
        }

        return $lines;
    }

    public function getProblem(): ?string
    {
        return $this->problem;
    }

    /** @return list<string> */
    public function getSkipped(): array
    {
        return $this->skipped;
    }

    /**
     * For an archive signet verified (not skipped): the composer.json it read from it, whose sha256 is the
     * signed one; null if it gave none. Not set for skipped or failed archives.
     *
     * @return array<string, string|null> by file
     */
    public function getComposerJson(): array
    {
        return $this->composerJson;
    }

    public function getSeconds(): float
    {
        return $this->seconds;
    }

    /**
     * The JSON answer: the whole of stdout, or else its last line that is a JSON object.
     *
     * @return array<string, mixed>|null
     */
    private static function parse(string $stdout): ?array
    {
        $candidates = [trim($stdout)];
        $lines = preg_split('{\r?\n}', trim($stdout));
        if (is_array($lines)) {
            $candidates = array_merge($candidates, array_reverse($lines));
        }
        foreach ($candidates as $text) {
            if ($text === '' || $text[0] !== '{') {
                continue;
            }
            $decoded = json_decode($text, true);
            if (is_array($decoded)) {
                return $decoded;
            }
        }

        return null;
    }

    /**
     * signet's results by file, and (for results without a file) by package and version; the first
     * one wins. One pass, so a batch of N archives costs N lookups, not N x N comparisons.
     *
     * @param array<mixed> $results
     * @return array{byFile: array<string, array<mixed>>, byRelease: array<string, array<mixed>>}
     */
    private static function indexResults(array $results): array
    {
        $byFile = [];
        $byRelease = [];
        foreach ($results as $result) {
            if (!is_array($result)) {
                continue;
            }
            if (isset($result['file'])) {
                if (is_string($result['file']) && !isset($byFile[$result['file']])) {
                    $byFile[$result['file']] = $result;
                }
            } elseif (is_string($result['package'] ?? null) && is_string($result['version'] ?? null)) {
                $key = $result['package'] . "\0" . $result['version'];
                if (!isset($byRelease[$key])) {
                    $byRelease[$key] = $result;
                }
            }
        }

        return ['byFile' => $byFile, 'byRelease' => $byRelease];
    }

    /**
     * The result for $archive: the one with its file, else one without a file for its package and version.
     *
     * @param array{byFile: array<string, array<mixed>>, byRelease: array<string, array<mixed>>} $results
     * @param array{file: string, package: string, version: string} $archive
     * @return array<mixed>|null
     */
    private static function findResult(array $results, array $archive): ?array
    {
        return $results['byFile'][$archive['file']] ?? $results['byRelease'][$archive['package'] . "\0" . $archive['version']] ?? null;
    }

    /** @param array<mixed> $error */
    private static function errorLine(array $error, string $defaultCode, string $defaultMessage): string
    {
        $code = isset($error['code']) && is_scalar($error['code']) && (string) $error['code'] !== '' ? (string) $error['code'] : $defaultCode;
        $message = isset($error['message']) && is_scalar($error['message']) && (string) $error['message'] !== '' ? (string) $error['message'] : $defaultMessage;

        return self::oneLine($code . ' ' . $message);
    }

    /** Control characters from signet (or a fake) must not reach the terminal as escapes. */
    private static function oneLine(string $s): string
    {
        return trim((string) preg_replace('{[\x00-\x1F\x7F]+}', ' ', $s));
    }

    private static function tail(string $stderr): string
    {
        $lines = array_values(array_filter(array_map('trim', preg_split('{\r?\n}', $stderr) ?: []), 'strlen'));
        if ($lines === []) {
            return '';
        }

        return self::oneLine(implode(' | ', array_slice($lines, -3)));
    }
}

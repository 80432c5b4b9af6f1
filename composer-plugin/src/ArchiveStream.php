<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

/**
 * One `signet verify-archive --batch - ... --json` process, fed while Composer downloads.
 *
 * The process starts with the first archive of a batch; each archive is written to its stdin as one JSON
 * line as soon as Composer has it, so signet starts, loads its state, checks the log's checkpoint and
 * hashes the archives while the other downloads run. finish() writes the end line {"end": true} and
 * waits for the answer: what is left then is the vendors' part and the verdicts (~20 ms for 200 archives
 * with a warm state, against ~110 ms for a whole process started after the downloads).
 *
 * signet's stdout and stderr go to temporary files (nothing to drain while Composer works, no pipe that
 * can fill up, and the same code on every platform); its stdin is the only pipe. Writes to it do not
 * block where the platform allows (POSIX): what the pipe cannot take yet waits in memory, and is
 * written at the next archive or by finish(), within Composer's process-timeout; a signet that stopped
 * reading therefore makes Composer fail with a timeout, never hang. A process that is never finished
 * (Composer stopped before installing anything) is stopped by abort(), or when this object is destroyed.
 */
final class ArchiveStream
{
    /** @var resource|null */
    private $process;
    /** @var resource|null signet's stdin */
    private $stdin;
    /** @var string '' once removed */
    private $stdoutFile = '';
    /** @var string '' once removed */
    private $stderrFile = '';
    /** @var string|null why a write failed (signet exited early); reported by finish() */
    private $broken;
    /** @var string bytes for signet's stdin that the pipe did not take yet */
    private $buffer = '';
    /** @var string the signet executable */
    private $bin;
    /** @var string where its path came from (SIGNET_BIN, extra.signet.bin, PATH) */
    private $origin;

    /**
     * @param non-empty-list<string> $command
     * @param array<string, string> $env
     * @throws SignetUnavailable when the process cannot be started
     */
    public function __construct(array $command, string $cwd, array $env, string $origin)
    {
        $this->bin = $command[0];
        $this->origin = $origin;
        $out = tempnam(sys_get_temp_dir(), 'signet-out-');
        $err = tempnam(sys_get_temp_dir(), 'signet-err-');
        if ($out === false || $err === false) {
            foreach ([$out, $err] as $made) {
                if ($made !== false) {
                    @unlink($made);
                }
            }
            throw new SignetUnavailable('cannot create temporary files for signet\'s answer in ' . sys_get_temp_dir(), 'check TMPDIR and free disk space');
        }
        $this->stdoutFile = $out;
        $this->stderrFile = $err;
        $descriptors = [
            0 => ['pipe', 'r'],
            1 => ['file', $out, 'w'],
            2 => ['file', $err, 'w'],
        ];
        $pipes = [];
        $process = @proc_open(Signet::commandLine($command), $descriptors, $pipes, $cwd, $env);
        if (!is_resource($process)) {
            $error = error_get_last();
            $this->removeFiles();
            throw new SignetUnavailable(sprintf('%s (found via %s) could not be started%s', $command[0], $origin, $error !== null ? ': ' . $error['message'] : ''), 'check that it runs: ' . $command[0] . ' --help');
        }
        $this->process = $process;
        $this->stdin = $pipes[0];
        // POSIX pipes can be non-blocking; where they cannot (Windows), the writes block.
        @stream_set_blocking($this->stdin, false);
    }

    public function __destruct()
    {
        $this->abort();
    }

    /**
     * Hands one archive to signet.
     *
     * @param array{file: string, package: string, version: string} $archive
     */
    public function send(array $archive): void
    {
        $this->write(json_encode(['file' => $archive['file'], 'package' => $archive['package'], 'version' => $archive['version']], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
    }

    public function getBin(): string
    {
        return $this->bin;
    }

    public function getOrigin(): string
    {
        return $this->origin;
    }

    /**
     * Ends the batch and waits for signet's answer.
     *
     * @param float|null $timeout seconds from now (null: no limit)
     * @return array{exitCode: int, stdout: string, stderr: string, seconds: float} seconds: from the end line to the answer
     * @throws SignetUnavailable when signet does not answer within $timeout
     */
    public function finish(?float $timeout): array
    {
        $started = microtime(true);
        $deadline = $timeout === null ? null : $started + $timeout;
        $this->write("{\"end\":true}\n");
        if (!$this->flush($deadline)) {
            $this->abort();
            throw new SignetUnavailable(sprintf('signet verify-archive did not read the list of archives within %d s', (int) $timeout), 'check that signet runs (signet verify-archive --help), or raise config.process-timeout');
        }
        if (is_resource($this->stdin)) {
            fclose($this->stdin);
        }
        $this->stdin = null;
        $exitCode = null;
        $pause = 200;
        while ($exitCode === null) {
            $status = is_resource($this->process) ? proc_get_status($this->process) : false;
            if ($status === false) {
                $exitCode = -1;
                break;
            }
            if (!$status['running']) {
                // Valid only in the call that first sees the process gone.
                $exitCode = $status['signaled'] ? 128 + (int) $status['termsig'] : (int) $status['exitcode'];
                break;
            }
            if ($timeout !== null && microtime(true) - $started > $timeout) {
                $this->abort();
                throw new SignetUnavailable(sprintf('signet verify-archive did not answer within %d s', (int) $timeout), 'check that the services signet uses are reachable, or raise config.process-timeout');
            }
            usleep($pause);
            $pause = min(2000, $pause * 2);
        }
        $seconds = microtime(true) - $started;
        if (is_resource($this->process)) {
            proc_close($this->process);
        }
        $this->process = null;
        $stdout = (string) @file_get_contents($this->stdoutFile);
        $stderr = (string) @file_get_contents($this->stderrFile);
        $this->removeFiles();
        if ($this->broken !== null && $stderr === '') {
            $stderr = $this->broken;
        }

        return ['exitCode' => $exitCode, 'stdout' => $stdout, 'stderr' => $stderr, 'seconds' => $seconds];
    }

    /** Stops the process without an answer (its stdin closes without the end line, so it verifies nothing). */
    public function abort(): void
    {
        if (is_resource($this->stdin)) {
            @fclose($this->stdin);
        }
        $this->stdin = null;
        if (is_resource($this->process)) {
            @proc_terminate($this->process);
            @proc_close($this->process);
        }
        $this->process = null;
        $this->removeFiles();
    }

    private function write(string $data): void
    {
        if ($this->broken !== null || !is_resource($this->stdin)) {
            return;
        }
        $this->buffer .= $data;
        $this->flush(0.0);
    }

    /**
     * Writes what is buffered, waiting for the pipe until $deadline (microtime; null: no limit; 0.0: no
     * wait at all). Returns whether everything was written, or nothing more can be (signet exited).
     */
    private function flush(?float $deadline): bool
    {
        while ($this->buffer !== '' && $this->broken === null && is_resource($this->stdin)) {
            // A process that exited early (it could not start, or crashed) closes the pipe: the write
            // fails (PHP's CLI ignores SIGPIPE), and finish() reports its exit code and what it printed.
            $written = @fwrite($this->stdin, $this->buffer);
            if ($written === false) {
                $this->broken = 'signet stopped reading the list of archives (it exited early)';
                $this->buffer = '';

                return true;
            }
            if ($written > 0) {
                $this->buffer = (string) substr($this->buffer, $written);
                continue;
            }
            // The pipe is full: signet is busy (or stuck). Wait for it, within the deadline.
            if ($deadline === 0.0 || ($deadline !== null && microtime(true) >= $deadline)) {
                return false;
            }
            $read = null;
            $write = [$this->stdin];
            $except = null;
            $wait = $deadline === null ? 100000 : (int) max(1000, min(100000, ($deadline - microtime(true)) * 1e6));
            @stream_select($read, $write, $except, 0, $wait);
        }

        return true;
    }

    private function removeFiles(): void
    {
        foreach ([$this->stdoutFile, $this->stderrFile] as $file) {
            if ($file !== '' && is_file($file)) {
                @unlink($file);
            }
        }
        $this->stdoutFile = '';
        $this->stderrFile = '';
    }
}

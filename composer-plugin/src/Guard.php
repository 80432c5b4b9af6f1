<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Composer;
use Composer\EventDispatcher\EventDispatcher;
use Composer\Exception\IrrecoverableDownloadException;
use Composer\IO\IOInterface;
use Composer\Package\PackageInterface;
use Composer\Plugin\PluginEvents;
use Composer\Plugin\PreFileDownloadEvent;
use Symfony\Component\Console\Formatter\OutputFormatter;

/**
 * The plugin's state for one Composer run: the archives downloaded and not yet verified, the packages
 * whose archive signet accepted, and the rule for what may be installed.
 *
 * The batch's signet process starts when its first archive download begins (PRE_FILE_DOWNLOAD, listened
 * for once per batch). collect() is called for each package archive Composer downloads
 * (POST_FILE_DOWNLOAD, also when the file comes from Composer's cache); it hands the archive at once to
 * that process, which hashes it while the other downloads run. beforeInstall() is called
 * before a package is installed or updated: first by the PRE_PACKAGE_INSTALL / PRE_PACKAGE_UPDATE
 * listeners, and again by the guarded downloaders' prepare()/install()/update(), which Composer calls
 * even when those events do not reach the plugin (see GuardedDownloader). The first call with archives
 * pending ends the batch: signet gets the end line and answers for ALL of them (one process per batch);
 * Composer has finished every download of the batch by then (InstallationManager::downloadAndExecuteBatch
 * waits on all downloads before executeBatch).
 *
 * What may be installed:
 *   - from a dist archive (zip, tar, ...): only when signet verified that archive (or skipped it by its
 *     policy); an archive the plugin did not see downloaded is refused;
 *   - from a path repository (dist type "path"): allowed, nothing was downloaded (a local folder), but only
 *     a folder a configured path repository matches (any repository's metadata can name a local folder);
 *   - from source (a VCS checkout): refused unless extra.signet.allow-source allows it. With a dist,
 *     because Composer falls back to source when a dist download fails, and that is what an attacker
 *     would arrange; without one (a dev branch, or a release whose archive the metadata dropped), because
 *     nothing signed exists to check it against, and the metadata saying so may be the attacker's.
 */
final class Guard
{
    /** @var IOInterface */
    private $io;
    /** @var Signet */
    private $signet;
    /** @var bool|list<string> extra.signet.allow-source: true, or package name patterns */
    private $allowSource;
    /** @var array<string, array{file: string, package: string, version: string, key: string}> by file */
    private $pending = [];
    /** @var array<string, PackageInterface> by file: the package each pending archive was downloaded for */
    private $pendingPackages = [];
    /** @var array<string, string> package key => file of the verified archive */
    private $verified = [];
    /** @var bool */
    private $disabledWarned = false;
    /** @var array<string, true> notices already printed */
    private $noticed = [];
    /** @var ArchiveStream|null the signet process of the current batch, fed as archives arrive */
    private $stream;
    /** @var SignetUnavailable|null why that process could not be started (reported when the batch is verified) */
    private $streamProblem;
    /** @var EventDispatcher */
    private $dispatcher;
    /** @var bool whether onPreFileDownload is registered for the next batch's first download */
    private $listening = false;
    /** @var list<array<mixed>> the repositories configured (composer.json and the global config) */
    private $repositories;
    /** @var array<string, true>|null real paths of the folders the configured path repositories match */
    private $pathFolders;

    public function __construct(Composer $composer, IOInterface $io, ?Signet $signet = null)
    {
        $this->io = $io;
        $this->signet = $signet ?? new Signet($composer, $io);
        $this->dispatcher = $composer->getEventDispatcher();
        $this->repositories = array_values(array_filter($composer->getConfig()->getRepositories(), 'is_array'));
        $extra = $composer->getPackage()->getExtra();
        $allow = isset($extra['signet']) && is_array($extra['signet']) ? ($extra['signet']['allow-source'] ?? false) : false;
        $this->allowSource = $allow === true ? true : (is_array($allow) ? array_values(array_filter($allow, 'is_string')) : false);
    }

    /** One package archive was downloaded (or copied from the cache) to $file. */
    public function collect(string $file, PackageInterface $package): void
    {
        $real = realpath($file);
        $file = $real !== false ? $real : $file;
        $this->pending[$file] = [
            'file' => $file,
            'package' => $package->getName(),
            'version' => $package->getPrettyVersion(),
            'key' => self::key($package),
        ];
        $this->pendingPackages[$file] = $package;
        // A re-download of the same package (an update in a later batch) must be verified again.
        unset($this->verified[self::key($package)]);
        $this->io->writeError(sprintf('signet: collected %s %s (%s)', $package->getName(), $package->getPrettyVersion(), $file), true, IOInterface::DEBUG);
        if (!Signet::disabled()) {
            $this->send($this->pending[$file]);
        }
    }

    /** Stops the signet process of an unfinished batch, and listens no more (the plugin is deactivated). */
    public function abort(): void
    {
        $this->stopListening();
        if ($this->stream !== null) {
            $this->stream->abort();
        }
        $this->stream = null;
        $this->streamProblem = null;
    }

    /**
     * Listens for the next batch's first archive download. Once per batch, not for every archive:
     * Composer's dispatch costs tens of microseconds per listener call (EventDispatcher::doDispatch puts
     * vendor/bin on PATH each time), which a 200-package batch would pay 200 times for nothing.
     */
    public function listenForDownloads(): void
    {
        if (!$this->listening) {
            $this->dispatcher->addListener(PluginEvents::PRE_FILE_DOWNLOAD, [$this, 'onPreFileDownload']);
            $this->listening = true;
        }
    }

    private function stopListening(): void
    {
        if ($this->listening) {
            $this->dispatcher->removeListener([$this, 'onPreFileDownload']);
            $this->listening = false;
        }
    }

    /**
     * A package archive is about to be downloaded (or copied from the cache): starts this batch's signet
     * process now, so that Node's start (~70 ms here) and signet's look at the log overlap the downloads
     * instead of following the first of them. Dispatched before Composer looks in its cache or on the
     * network, for each archive; the batch queues all of its downloads at once.
     */
    public function onPreFileDownload(PreFileDownloadEvent $event): void
    {
        // getType() exists since Composer 2.1; 2.0 only downloads packages through here.
        if ((method_exists($event, 'getType') ? $event->getType() : 'package') !== 'package') {
            return;
        }
        $this->stopListening();
        if (!Signet::disabled()) {
            $this->openStream();
        }
    }

    /** This batch's signet process: started once; a failure to start is kept for verifyPending() to report. */
    private function openStream(): ?ArchiveStream
    {
        if ($this->stream === null && $this->streamProblem === null) {
            try {
                $this->stream = $this->signet->openArchiveStream();
            } catch (SignetUnavailable $e) {
                // Not thrown here (that would look like a failed download); verifyPending() refuses the batch.
                $this->streamProblem = $e;
            }
        }

        return $this->stream;
    }

    /**
     * Hands one archive to this batch's signet process (started when the batch's first download began,
     * or now): signet checks the log and hashes while Composer downloads the rest.
     *
     * @param array{file: string, package: string, version: string, key: string} $archive
     */
    private function send(array $archive): void
    {
        $stream = $this->openStream();
        if ($stream !== null) {
            $stream->send(['file' => $archive['file'], 'package' => $archive['package'], 'version' => $archive['version']]);
        }
    }

    /**
     * $package is about to be installed or updated to. Verifies every pending archive first (one signet
     * process), then checks that $package itself may be installed.
     *
     * @throws IrrecoverableDownloadException
     */
    public function beforeInstall(PackageInterface $package): void
    {
        if (Signet::disabled()) {
            $this->warnDisabled();

            return;
        }
        if ($this->pending !== []) {
            $this->verifyPending();
        } elseif ($this->stream !== null) {
            // Started when a download began, but no archive came of it (the batch's downloads are done).
            $this->stream->abort();
            $this->stream = null;
            $this->streamProblem = null;
            $this->listenForDownloads();
        }
        if ($package->getType() === 'metapackage') {
            return;
        }
        $label = $package->getName() . ' ' . $package->getPrettyVersion();
        $source = $package->getInstallationSource();
        if ($source === 'dist') {
            if ($package->getDistType() === 'path') {
                // Composer takes a "path" dist from any repository's metadata (PathDownloader resolves any
                // local folder): only folders of a path repository configured here are let through.
                if ($this->isConfiguredPathFolder((string) $package->getDistUrl())) {
                    $this->notice('path:' . $label, sprintf('signet: %s comes from a path repository (%s): a local folder, nothing downloaded to verify', $label, (string) $package->getDistUrl()));

                    return;
                }
                throw $this->refuse(
                    sprintf('signet: %s would be installed from the local folder %s, which no path repository of this project names; it was not installed', $label, (string) $package->getDistUrl()),
                    [
                        sprintf('signet: the metadata of %s names the local folder %s as its archive ("dist": {"type": "path"}), and no path repository configured for this project matches it; Composer stopped before installing it.', $label, (string) $package->getDistUrl()),
                        'Attack caught: a repository pointing a package at files it placed on this machine, which would be installed unverified.',
                        'If this folder is yours, declare it: "repositories": [{"type": "path", "url": "..."}] in composer.json.',
                    ]
                );
            }
            if (isset($this->verified[self::key($package)])) {
                return;
            }
            throw $this->refuse(
                sprintf('signet: %s was not verified: the plugin did not see its %s archive downloaded', $label, (string) $package->getDistType()),
                [
                    sprintf('signet: %s is about to be installed from a %s archive that the plugin did not see downloaded, so it was not verified; Composer stopped before installing it.', $label, (string) $package->getDistType()),
                    'Report this with the output of `composer install -vvv`. To install without verification, at your own risk: SIGNET_PLUGIN_DISABLE=1',
                ]
            );
        }
        if ($source === 'source') {
            // Nothing from source is verified, and whether an archive exists, or whether a version is a
            // development one, is said by the repository's metadata, which may be the attacker's: a
            // registry can offer "dev-main" (with a branch alias matching ^1.0, say) of a package whose
            // releases are signed. So every source install needs extra.signet.allow-source.
            $noArchive = $package->getDistUrl() === null || $package->getDistUrl() === '' || $package->getDistType() === 'path';
            if ($this->sourceAllowed($package->getName())) {
                if ($noArchive && $package->isDev()) {
                    $this->notice('source:' . $label, sprintf('signet: %s is a development version installed from source (%s) as extra.signet.allow-source allows: nothing signed exists for it', $label, (string) $package->getSourceType()));
                } else {
                    $this->notice('source:' . $label, sprintf('<warning>signet: %s is installed from source (%s) as extra.signet.allow-source allows: its archive was NOT verified</warning>', OutputFormatter::escape($label), OutputFormatter::escape((string) $package->getSourceType())), IOInterface::NORMAL);
                }

                return;
            }
            if ($noArchive && $package->isDev()) {
                throw $this->refuse(
                    sprintf('signet: %s is a development version offered only from source, which signet cannot verify; it was not installed', $label),
                    [
                        sprintf('signet: %s comes from source (%s %s) with no archive and no signed release; a compromised repository can offer such a version of any package, signed releases or not; Composer stopped before installing it.', $label, (string) $package->getSourceType(), (string) $package->getSourceUrl()),
                        sprintf('If you trust this source (a VCS repository of your own, say), allow it in composer.json: "extra": {"signet": {"allow-source": ["%s"]}}', $package->getName()),
                    ]
                );
            }
            if ($noArchive) {
                throw $this->refuse(
                    sprintf('signet: %s is a release offered without an archive; signet verifies archives only; it was not installed', $label),
                    [
                        sprintf('signet: the repository offers %s only from source (%s %s), with no archive to verify: a compromised repository can send any code this way; Composer stopped before installing it.', $label, (string) $package->getSourceType(), (string) $package->getSourceUrl()),
                        sprintf('If you trust this source, allow it in composer.json: "extra": {"signet": {"allow-source": ["%s"]}}', $package->getName()),
                    ]
                );
            }
            throw $this->refuse(
                sprintf('signet: %s would be installed from source, which signet cannot verify; it was not installed', $label),
                [
                    sprintf('signet: %s would be installed from source (%s %s) instead of its %s archive, and signet verifies archives only; Composer stopped before installing it.', $label, (string) $package->getSourceType(), (string) $package->getSourceUrl(), (string) $package->getDistType()),
                    'Composer installs from source with --prefer-source or config.preferred-install, or when the archive could not be downloaded (see the warnings above).',
                    sprintf('Install from dist (composer install --prefer-dist), or allow this package in composer.json: "extra": {"signet": {"allow-source": ["%s"]}}', $package->getName()),
                ]
            );
        }
        // Neither dist nor source: nothing the plugin knows how to check, so it is not installed.
        throw $this->refuse(
            sprintf('signet: %s has no known installation source (%s); it was not installed', $label, var_export($source, true)),
            ['Report this with the output of `composer install -vvv`. To install without verification, at your own risk: SIGNET_PLUGIN_DISABLE=1']
        );
    }

    /**
     * Verifies every pending archive with one signet process.
     *
     * @throws IrrecoverableDownloadException when signet cannot be run or does not accept them all
     */
    public function verifyPending(): void
    {
        if ($this->pending === []) {
            return;
        }
        if (Signet::disabled()) {
            $this->warnDisabled();

            return;
        }
        $stream = $this->stream;
        $problem = $this->streamProblem;
        $this->stream = null;
        $this->streamProblem = null;
        // This batch's downloads are done: the next download starts the next batch's process.
        $this->listenForDownloads();
        $archives = [];
        foreach ($this->pending as $file => $p) {
            if (!is_file($file)) {
                // Gone already (e.g. the comparison copy `composer status` makes). Leaving it out is safe:
                // a package is installed only when ITS archive was verified (beforeInstall).
                unset($this->pending[$file]);
                continue;
            }
            $archives[] = ['file' => $p['file'], 'package' => $p['package'], 'version' => $p['version']];
        }
        if ($archives === []) {
            if ($stream !== null) {
                $stream->abort();
            }

            return;
        }
        $names = self::names($archives);

        try {
            if ($problem !== null) {
                throw $problem;
            }
            if ($stream === null) {
                // Every archive is sent as it is collected; none was, so the process was never started.
                $stream = $this->signet->openArchiveStream();
                foreach ($archives as $archive) {
                    $stream->send($archive);
                }
            }
            $outcome = $this->signet->finishArchiveStream($stream, $archives);
        } catch (SignetUnavailable $e) {
            if ($stream !== null) {
                $stream->abort();
            }
            throw $this->refuse(
                'signet: cannot verify the downloaded archives, so Composer stopped before installing them: ' . $e->getMessage(),
                [
                    sprintf('signet: cannot verify the downloaded archives (%s), so Composer stopped before installing them.', $names),
                    'Problem: ' . $e->getMessage(),
                    'Fix: ' . $e->getHint(),
                    'To install without verification, at your own risk: SIGNET_PLUGIN_DISABLE=1 composer ...',
                ]
            );
        }

        if (!$outcome->isOk()) {
            $lines = $outcome->getFailures();
            if ($outcome->getProblem() !== null) {
                $lines[] = $outcome->getProblem();
            }
            throw $this->refuse(
                "signet refused to let Composer install these archives (nothing of this batch was installed):\n" . implode("\n", self::indent($lines)),
                array_merge(
                    ['signet: verification failed; Composer stops before installing anything of this batch:'],
                    $outcome->getReport(),
                    ['Do not retry with verification disabled: an archive that fails verification is not the one its vendor released.']
                )
            );
        }

        // The archives are the signed ones; what Composer will install them by (the repository's metadata)
        // must be what their signed composer.json says.
        $mismatches = [];
        foreach ($outcome->getComposerJson() as $file => $composerJson) {
            $package = $this->pendingPackages[$file] ?? null;
            if ($package === null) {
                continue;
            }
            $label = $package->getName() . ' ' . $package->getPrettyVersion();
            $diffs = $composerJson === null
                ? ['signet did not return the signed composer.json of this archive (is signet older than this plugin? update both)']
                : MetadataCheck::differences($package, $composerJson);
            foreach ($diffs as $d) {
                $mismatches[] = $label . ': METADATA_MISMATCH ' . $d;
            }
        }
        if ($mismatches !== []) {
            throw $this->refuse(
                "signet: the repository's metadata for these packages is not what their vendors signed (nothing of this batch was installed):\n" . implode("\n", self::indent($mismatches)),
                array_merge(
                    ["signet: the archives are the signed ones, but Composer would install them by metadata that differs from their signed composer.json; Composer stops before installing anything of this batch:"],
                    self::indent($mismatches),
                    [
                        'Attack caught: a repository altering what a signed package requires, autoloads or declares (dependency or autoload injection, or an old release passed off as a newer one).',
                        'Report it to the registry operator; do not retry with verification disabled.',
                    ]
                )
            );
        }

        foreach ($this->pending as $p) {
            $this->verified[$p['key']] = $p['file'];
        }
        $this->pending = [];
        $this->pendingPackages = [];
        $skipped = $outcome->getSkipped();
        $this->io->writeError(sprintf(
            '<info>signet: %d archive%s verified</info>%s (one run of signet, %.2f s after the downloads)',
            count($archives),
            count($archives) === 1 ? '' : 's',
            $skipped !== [] ? OutputFormatter::escape(sprintf(', %d skipped by signet\'s policy: %s', count($skipped), implode(', ', $skipped))) : '',
            $outcome->getSeconds()
        ));
    }

    /**
     * Writes the full report to Composer's error output (not wrapped, unlike the exception box Composer
     * draws at the terminal's width) and returns the exception that stops Composer.
     *
     * @param list<string> $report
     */
    private function refuse(string $message, array $report): IrrecoverableDownloadException
    {
        $first = true;
        foreach ($report as $line) {
            $escaped = OutputFormatter::escape($line);
            $this->io->writeError($first ? '<error>' . $escaped . '</error>' : $escaped, true, IOInterface::QUIET);
            $first = false;
        }

        return new IrrecoverableDownloadException($message);
    }

    /** Whether $url is (a folder matched by) a path repository configured in composer.json or the global config. */
    private function isConfiguredPathFolder(string $url): bool
    {
        if ($this->pathFolders === null) {
            $this->pathFolders = [];
            foreach ($this->repositories as $repo) {
                if (($repo['type'] ?? null) !== 'path' || !is_string($repo['url'] ?? null)) {
                    continue;
                }
                // As Composer's PathRepository matches its url (a glob, relative to the project folder).
                $matches = glob($repo['url'], GLOB_MARK | GLOB_ONLYDIR);
                foreach ($matches === false ? [] : $matches as $match) {
                    $real = realpath($match);
                    if ($real !== false) {
                        $this->pathFolders[$real] = true;
                    }
                }
            }
        }
        $real = realpath($url);

        return $real !== false && isset($this->pathFolders[$real]);
    }

    private function sourceAllowed(string $name): bool
    {
        if ($this->allowSource === true) {
            return true;
        }
        if ($this->allowSource === false) {
            return false;
        }
        foreach ($this->allowSource as $pattern) {
            $regex = '{^' . str_replace('\*', '.*', preg_quote(strtolower($pattern))) . '$}';
            if (preg_match($regex, strtolower($name)) === 1) {
                return true;
            }
        }

        return false;
    }

    private function warnDisabled(): void
    {
        if ($this->pending !== []) {
            $this->io->writeError(sprintf(
                '<warning>signet: SIGNET_PLUGIN_DISABLE is set: %s installed WITHOUT verification. Unset SIGNET_PLUGIN_DISABLE to verify them.</warning>',
                OutputFormatter::escape(self::names(array_values($this->pending)))
            ));
            $this->pending = [];
            $this->disabledWarned = true;
        } elseif (!$this->disabledWarned) {
            $this->io->writeError('<warning>signet: SIGNET_PLUGIN_DISABLE is set: packages are installed WITHOUT verification.</warning>');
            $this->disabledWarned = true;
        }
    }

    private function notice(string $id, string $message, int $verbosity = IOInterface::VERBOSE): void
    {
        if (isset($this->noticed[$id])) {
            return;
        }
        $this->noticed[$id] = true;
        $this->io->writeError($message, true, $verbosity);
    }

    private static function key(PackageInterface $package): string
    {
        return $package->getName() . ' ' . $package->getVersion() . ' ' . (string) $package->getDistReference();
    }

    /**
     * @param list<array{package: string, version: string}> $archives
     */
    private static function names(array $archives): string
    {
        $names = [];
        foreach ($archives as $a) {
            $names[] = $a['package'] . ' ' . $a['version'];
        }

        return implode(', ', $names);
    }

    /**
     * @param list<string> $lines
     * @return list<string>
     */
    private static function indent(array $lines): array
    {
        $out = [];
        foreach ($lines as $line) {
            $out[] = '  ' . $line;
        }

        return $out;
    }
}

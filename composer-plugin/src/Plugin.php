<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Composer;
use Composer\DependencyResolver\Operation\InstallOperation;
use Composer\DependencyResolver\Operation\UpdateOperation;
use Composer\Downloader\DownloadManager;
use Composer\EventDispatcher\EventSubscriberInterface;
use Composer\Installer\PackageEvent;
use Composer\Installer\PackageEvents;
use Composer\IO\IOInterface;
use Composer\Package\PackageInterface;
use Composer\Plugin\Capability\CommandProvider as CommandProviderCapability;
use Composer\Plugin\Capable;
use Composer\Plugin\PluginEvents;
use Composer\Plugin\PluginInterface;
use Composer\Plugin\PostFileDownloadEvent;

/**
 * Signet's Composer plugin: every package archive Composer downloads is verified by ONE
 * `signet verify-archive` process before the first package of the batch is installed. That process starts
 * with the batch's first download and receives each archive as Composer has it (ArchiveStream), so its
 * start-up and most of its work overlap the downloads; when signet does
 * not accept them all, the plugin throws IrrecoverableDownloadException and nothing of the batch is
 * installed (and Composer does not fall back to source). Adds `composer release VERSION`.
 *
 * How it hooks into Composer 2 (see README.md for the line references in Composer 2.5):
 *   - PRE_FILE_DOWNLOAD (type "package"), listened for once per batch by the Guard: start signet for the
 *     batch, so that it starts while Composer downloads.
 *   - POST_FILE_DOWNLOAD (type "package"): collect the archive and hand it to signet; Composer dispatches
 *     it after the checksum check, for network downloads and cache hits alike. Metadata downloads are ignored.
 *   - PRE_PACKAGE_INSTALL / PRE_PACKAGE_UPDATE: the downloads of the batch are complete; the first such
 *     event verifies everything collected.
 *   - the downloaders are wrapped (GuardedDownloader) because the pre-package events may not reach the
 *     plugin (an Installer that does not run scripts, another plugin stopping their propagation); their
 *     prepare() does the same check.
 *   - `plugin-modifies-downloads: true` makes Composer install this plugin in a batch of its own,
 *     before downloading anything else, so it also guards the run that installs it.
 */
final class Plugin implements PluginInterface, EventSubscriberInterface, Capable
{
    /** The downloader types Composer 2 registers (Factory::createDownloadManager). */
    private const DOWNLOADER_TYPES = ['git', 'svn', 'fossil', 'hg', 'perforce', 'zip', 'rar', 'tar', 'gzip', 'xz', 'phar', 'file', 'path'];

    /** @var Guard|null */
    private $guard;
    /** @var array<string, GuardedDownloader> the wrappers this instance registered, by type */
    private $wrapped = [];

    public function activate(Composer $composer, IOInterface $io)
    {
        $this->guard = new Guard($composer, $io);
        $this->guard->listenForDownloads();
        $this->wrapDownloaders($composer->getDownloadManager());
        if (Signet::disabled()) {
            $io->writeError('<warning>signet: SIGNET_PLUGIN_DISABLE is set: downloaded archives are NOT verified in this run.</warning>');
        }
    }

    public function deactivate(Composer $composer, IOInterface $io)
    {
        if ($this->guard !== null) {
            $this->guard->abort();
        }
        $this->unwrapDownloaders($composer->getDownloadManager());
        $this->guard = null;
    }

    public function uninstall(Composer $composer, IOInterface $io)
    {
    }

    public static function getSubscribedEvents()
    {
        return [
            PluginEvents::POST_FILE_DOWNLOAD => ['onPostFileDownload', 0],
            // Before any other listener of these events sees the package.
            PackageEvents::PRE_PACKAGE_INSTALL => ['onPrePackage', 10000],
            PackageEvents::PRE_PACKAGE_UPDATE => ['onPrePackage', 10000],
        ];
    }

    public function getCapabilities()
    {
        return [CommandProviderCapability::class => Commands::class];
    }

    public function onPostFileDownload(PostFileDownloadEvent $event): void
    {
        if ($this->guard === null) {
            return;
        }
        // getType()/getContext() exist since Composer 2.1; 2.0 only downloads packages through here.
        $type = method_exists($event, 'getType') ? $event->getType() : 'package';
        if ($type !== 'package') {
            return;
        }
        $package = method_exists($event, 'getContext') ? $event->getContext() : $event->getPackage();
        $file = $event->getFileName();
        if ($package instanceof PackageInterface && is_string($file) && $file !== '') {
            $this->guard->collect($file, $package);
        }
    }

    public function onPrePackage(PackageEvent $event): void
    {
        if ($this->guard === null) {
            return;
        }
        $operation = $event->getOperation();
        if ($operation instanceof InstallOperation) {
            $this->guard->beforeInstall($operation->getPackage());
        } elseif ($operation instanceof UpdateOperation) {
            $this->guard->beforeInstall($operation->getTargetPackage());
        }
    }

    private function wrapDownloaders(DownloadManager $manager): void
    {
        if ($this->guard === null) {
            return;
        }
        foreach (self::DOWNLOADER_TYPES as $type) {
            try {
                $downloader = $manager->getDownloader($type);
            } catch (\InvalidArgumentException $e) {
                continue; // not registered in this Composer
            }
            if ($downloader instanceof GuardedDownloader) {
                $downloader = $downloader->getInner(); // left by an older instance of this plugin
            }
            $wrapper = new GuardedDownloader($downloader, $this->guard);
            $manager->setDownloader($type, $wrapper);
            $this->wrapped[$type] = $wrapper;
        }
    }

    private function unwrapDownloaders(DownloadManager $manager): void
    {
        foreach ($this->wrapped as $type => $wrapper) {
            try {
                $current = $manager->getDownloader($type);
            } catch (\InvalidArgumentException $e) {
                continue;
            }
            if ($current === $wrapper) {
                $manager->setDownloader($type, $wrapper->getInner());
            }
        }
        $this->wrapped = [];
    }
}

<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Downloader\ChangeReportInterface;
use Composer\Downloader\DownloaderInterface;
use Composer\Downloader\DvcsDownloaderInterface;
use Composer\Downloader\VcsCapableDownloaderInterface;
use Composer\Package\PackageInterface;
use React\Promise\PromiseInterface;

/**
 * Wraps one of Composer's downloaders so that nothing is unpacked or checked out into vendor/ before
 * the Guard has approved the package, whether or not Composer dispatches the pre-package events.
 *
 * Why: the pre-package events are not guaranteed to reach the plugin. InstallationManager::executeBatch
 * dispatches PRE_PACKAGE_INSTALL / PRE_PACKAGE_UPDATE only when the Installer runs scripts (older
 * Composer 2 releases turned that off for --no-scripts, e.g. 2.1's `require`; 2.5 deprecates
 * Installer::setRunScripts, but code that embeds Composer can still call it), and a listener of another plugin with a higher priority can stop
 * their propagation. executeBatch does call the downloader's prepare() for every install and update,
 * after all downloads of the batch, in every case; but operation 1's install runs before operation 2's
 * prepare(). That is safe only because the FIRST check of a batch verifies every pending archive (see
 * Guard::beforeInstall): keep the verification there. prepare() is the backstop; install() and update()
 * check again (cheap: the Guard remembers what it approved).
 *
 * Everything else is delegated unchanged. The optional interfaces (local changes, VCS reference,
 * unpushed changes) are implemented for all and answer null when the wrapped downloader has no such
 * capability, which is what `composer status` does for a downloader without them.
 */
final class GuardedDownloader implements DownloaderInterface, ChangeReportInterface, VcsCapableDownloaderInterface, DvcsDownloaderInterface
{
    /** @var DownloaderInterface */
    private $inner;
    /** @var Guard */
    private $guard;

    public function __construct(DownloaderInterface $inner, Guard $guard)
    {
        $this->inner = $inner;
        $this->guard = $guard;
    }

    public function getInner(): DownloaderInterface
    {
        return $this->inner;
    }

    // Parameters are untyped where Composer 2.0-2.2 declared them untyped (a wider type is compatible
    // with the typed 2.3+ interfaces); return types are those of 2.3+ (a narrower type is compatible with
    // the untyped 2.0-2.2 interfaces).

    public function getInstallationSource(): string
    {
        return $this->inner->getInstallationSource();
    }

    public function download(PackageInterface $package, $path, ?PackageInterface $prevPackage = null): PromiseInterface
    {
        // func_get_args(): FileDownloader::download takes a fourth argument ($output) that callers may pass.
        return self::promise($this->inner->download(...func_get_args()));
    }

    public function prepare($type, PackageInterface $package, $path, ?PackageInterface $prevPackage = null): PromiseInterface
    {
        if ($type === 'install' || $type === 'update') {
            $this->guard->beforeInstall($package);
        }

        return self::promise($this->inner->prepare($type, $package, $path, $prevPackage));
    }

    public function install(PackageInterface $package, $path): PromiseInterface
    {
        $this->guard->beforeInstall($package);

        return self::promise($this->inner->install($package, $path));
    }

    public function update(PackageInterface $initial, PackageInterface $target, $path): PromiseInterface
    {
        $this->guard->beforeInstall($target);

        return self::promise($this->inner->update($initial, $target, $path));
    }

    public function remove(PackageInterface $package, $path): PromiseInterface
    {
        return self::promise($this->inner->remove($package, $path));
    }

    public function cleanup($type, PackageInterface $package, $path, ?PackageInterface $prevPackage = null): PromiseInterface
    {
        return self::promise($this->inner->cleanup($type, $package, $path, $prevPackage));
    }

    public function getLocalChanges(PackageInterface $package, $path): ?string
    {
        return $this->inner instanceof ChangeReportInterface ? $this->inner->getLocalChanges($package, $path) : null;
    }

    public function getVcsReference(PackageInterface $package, $path): ?string
    {
        return $this->inner instanceof VcsCapableDownloaderInterface ? $this->inner->getVcsReference($package, $path) : null;
    }

    public function getUnpushedChanges(PackageInterface $package, $path): ?string
    {
        return $this->inner instanceof DvcsDownloaderInterface ? $this->inner->getUnpushedChanges($package, $path) : null;
    }

    /**
     * Composer 2.0-2.2 downloaders may return null where 2.3+ always returns a promise.
     *
     * @param mixed $result
     */
    private static function promise($result): PromiseInterface
    {
        return $result instanceof PromiseInterface ? $result : \React\Promise\resolve(null);
    }
}

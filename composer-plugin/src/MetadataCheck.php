<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Package\Link;
use Composer\Package\Loader\ArrayLoader;
use Composer\Package\PackageInterface;
use Composer\Package\Version\VersionParser;

/**
 * Composer installs by the repository's metadata, not by the composer.json inside the archive: what a
 * package requires, conflicts with, provides and replaces, what it autoloads, its binaries, its type and
 * its extra (read by plugins and installers) all come from the registry. A verified archive therefore
 * proves nothing about them; this compares them with the signed composer.json of that archive (whose
 * sha256 is in the log), loaded by Composer's own loader, and the version Composer resolved with
 * (version_normalized) with the signed version.
 */
final class MetadataCheck
{
    /**
     * What Composer's package says differently from the signed composer.json: one line per field,
     * empty when they agree.
     *
     * @return list<string>
     */
    public static function differences(PackageInterface $package, string $composerJson): array
    {
        $config = json_decode($composerJson, true);
        if (!is_array($config)) {
            return ['the signed composer.json is not a JSON object'];
        }
        $diffs = [];
        if (!$package->isDev()) {
            $normalized = (new VersionParser())->normalize($package->getPrettyVersion());
            if ($normalized !== $package->getVersion()) {
                $diffs[] = sprintf('version_normalized: the metadata says %s for version %s, which normalises to %s', $package->getVersion(), $package->getPrettyVersion(), $normalized);
            }
        }
        // Loaded as Composer loads the metadata (self.version and constraints parsed alike).
        $config['name'] = $package->getName();
        $config['version'] = $package->getPrettyVersion();
        unset($config['version_normalized']);
        try {
            $signed = (new ArrayLoader(null, true))->load($config);
        } catch (\Throwable $e) {
            return ['the signed composer.json cannot be loaded by Composer: ' . $e->getMessage()];
        }
        $fields = [
            'type' => [$signed->getType(), $package->getType()],
            'target-dir' => [$signed->getTargetDir(), $package->getTargetDir()],
            'autoload' => [$signed->getAutoload(), $package->getAutoload()],
            'bin' => [$signed->getBinaries(), $package->getBinaries()],
            'include-path' => [$signed->getIncludePaths(), $package->getIncludePaths()],
            'extra' => [$signed->getExtra(), $package->getExtra()],
            'require' => [self::links($signed->getRequires()), self::links($package->getRequires())],
            'conflict' => [self::links($signed->getConflicts()), self::links($package->getConflicts())],
            'provide' => [self::links($signed->getProvides()), self::links($package->getProvides())],
            'replace' => [self::links($signed->getReplaces()), self::links($package->getReplaces())],
        ];
        foreach ($fields as $name => [$want, $got]) {
            $want = self::canonical($want);
            $got = self::canonical($got);
            if ($want !== $got) {
                $diffs[] = sprintf('%s: signed %s, the repository says %s', $name, self::show($want), self::show($got));
            }
        }

        return $diffs;
    }

    /**
     * @param array<string, Link> $links
     * @return array<string, string> target => constraint as written
     */
    private static function links(array $links): array
    {
        $out = [];
        foreach ($links as $link) {
            $out[strtolower($link->getTarget())] = $link->getPrettyConstraint();
        }

        return $out;
    }

    /**
     * Objects with their keys sorted (JSON object order carries no meaning), lists as they are.
     *
     * @param mixed $v
     * @return mixed
     */
    private static function canonical($v)
    {
        if (!is_array($v)) {
            return $v;
        }
        $out = [];
        foreach ($v as $k => $x) {
            $out[$k] = self::canonical($x);
        }
        if ($out !== [] && array_keys($out) !== range(0, count($out) - 1)) {
            ksort($out, SORT_STRING);
        }

        return $out;
    }

    /** @param mixed $v */
    private static function show($v): string
    {
        $s = json_encode($v, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        $s = $s === false ? var_export($v, true) : $s;

        return strlen($s) > 300 ? substr($s, 0, 300) . '…' : $s;
    }
}

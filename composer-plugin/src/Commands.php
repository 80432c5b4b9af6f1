<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Plugin\Capability\CommandProvider;

/** The commands the plugin adds to Composer: `composer release`. */
final class Commands implements CommandProvider
{
    public function getCommands()
    {
        return [new ReleaseCommand()];
    }
}

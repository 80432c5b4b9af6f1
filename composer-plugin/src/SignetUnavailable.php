<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

/** signet cannot be run at all (not found, not executable, does not start, times out): the plugin fails closed. */
final class SignetUnavailable extends \RuntimeException
{
    /** @var string */
    private $hint;

    public function __construct(string $problem, string $hint)
    {
        parent::__construct($problem);
        $this->hint = $hint;
    }

    /** What the user can do about it. */
    public function getHint(): string
    {
        return $this->hint;
    }
}

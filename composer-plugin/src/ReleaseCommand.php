<?php

declare(strict_types=1);

namespace Signet\ComposerPlugin;

use Composer\Command\BaseCommand;
use Composer\Composer;
use Symfony\Component\Console\Formatter\OutputFormatter;
use Symfony\Component\Console\Input\InputArgument;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * `composer release VERSION [--key FILE] [--dry-run] [--registry URL]` runs
 * `signet release VERSION [--key FILE] [--dry-run] [--registry URL]` in the project folder with the
 * terminal attached (signet may ask for the key's passphrase) and exits with signet's exit code.
 */
final class ReleaseCommand extends BaseCommand
{
    protected function configure(): void
    {
        $this
            ->setName('release')
            ->setDescription('Signs and publishes a release of this package with signet (runs `signet release VERSION`)')
            ->addArgument('version', InputArgument::REQUIRED, 'The version to release: a git tag on HEAD, e.g. 1.2.0')
            ->addOption('key', null, InputOption::VALUE_REQUIRED, 'The signing key file (passed to signet)')
            ->addOption('dry-run', null, InputOption::VALUE_NONE, 'Build and check the release without signing or uploading it (passed to signet)')
            ->addOption('registry', null, InputOption::VALUE_REQUIRED, 'The registry URL (passed to signet)')
            ->setHelp(<<<'HELP'
Runs <info>signet release VERSION</info> in the folder of composer.json, with this terminal attached,
and exits with signet's exit code (0 released, 1 a check failed, 2 usage or configuration, 3 a
service unavailable). signet is found as for verification: SIGNET_BIN, then extra.signet.bin in
composer.json, then signet on PATH.
HELP
            );
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $args = ['release', (string) $input->getArgument('version')];
        $key = $input->getOption('key');
        if (is_string($key) && $key !== '') {
            $args[] = '--key';
            $args[] = $key;
        }
        if ($input->getOption('dry-run') === true) {
            $args[] = '--dry-run';
        }
        $registry = $input->getOption('registry');
        if (is_string($registry) && $registry !== '') {
            $args[] = '--registry';
            $args[] = $registry;
        }

        $signet = new Signet($this->composer(), $this->getIO());
        try {
            return $signet->passthru($args);
        } catch (SignetUnavailable $e) {
            $this->getIO()->writeError('<error>signet: ' . OutputFormatter::escape($e->getMessage()) . '</error>');
            $this->getIO()->writeError('Fix: ' . OutputFormatter::escape($e->getHint()));

            return Signet::EXIT_USAGE;
        }
    }

    private function composer(): Composer
    {
        // requireComposer() since Composer 2.3; getComposer() before (deprecated since).
        if (method_exists($this, 'requireComposer')) {
            return $this->requireComposer();
        }

        return $this->getComposer(true);
    }
}

package org.jailsh.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.jailsh.spi.ReleaseRequest;
import org.jailsh.spi.UsageException;

@Command(name = "fetch", description = "Fetch a release once; every jail on it reuses it.")
public final class FetchCommand extends VerbCommand {

    @Option(names = {"-r", "--release"}, paramLabel = "RELEASE")
    String release;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "RELEASE", description = "Same as -r.")
    String positional;

    @Option(names = "--url", paramLabel = "URL", description = "A rootfs archive (file:, http:, https:).")
    String url;

    @Option(names = "--sha256", paramLabel = "HASH", description = "Required with --url.")
    String sha256;

    @Override
    int run() {
        if (release == null) {
            release = positional;
        }
        if (release == null) {
            throw new UsageException("fetch needs a release", "e.g. fetch -r busybox (see 'releases')");
        }
        if (url != null && sha256 == null) {
            throw new UsageException("--url needs --sha256", "give the archive's sha256 so it can be verified");
        }
        return show(jails().fetch(new ReleaseRequest(release, url, sha256)));
    }
}

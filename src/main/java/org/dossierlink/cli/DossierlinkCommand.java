package org.dossierlink.cli;

import java.io.PrintWriter;

import org.dossierlink.DossierlinkException;
import org.dossierlink.config.ConfigException;
import org.dossierlink.signature.SignatureKeyException;
import org.dossierlink.store.StoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dossierlink}: the one runnable artifact. Each subcommand is one class. */
@Command(name = "dossierlink", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "SOAP/XML dossier interoperability server for patent offices.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, FamilyCommand.class, AuditCommand.class, NormalizeCommand.class,
                DetectCommand.class, TransformCommand.class, ValidateCommand.class, VerifyCommand.class, KeysCommand.class,
                CredentialsCommand.class, CheckConfigCommand.class,
                CommandLine.HelpCommand.class})
public final class DossierlinkCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, import, export, family, audit, normalize,"
                + " detect, transform, validate, verify, keys, credentials, check-config");
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with dossierlink's error handling: one clear line and a non-zero exit. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new DossierlinkCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String cmd = commandLine.getCommandName();
            if (ex instanceof DossierlinkException || ex instanceof ConfigException || ex instanceof StoreException
                    || ex instanceof SignatureKeyException) {
                ex.getMessage().lines().forEach(line -> err.println(cmd + ": " + line));
            } else {
                err.println(cmd + ": unexpected error: " + ex);
                if (System.getenv("DOSSIERLINK_DEBUG") != null) {
                    ex.printStackTrace(err);
                } else {
                    err.println(cmd + ": set DOSSIERLINK_DEBUG=1 to see the stack trace");
                }
            }
            err.flush();
            return ex instanceof DossierlinkException d && d.code() == DossierlinkException.ErrorCode.NOT_FOUND ? 3 : 1;
        });
        return cl;
    }
}

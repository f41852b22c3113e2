package io.rillflow.cli;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.InvalidIdentifierException;
import io.rillflow.TenantNotFoundException;
import io.rillflow.admin.UnknownDocumentTableException;
import io.rillflow.projections.UnknownProjectionException;
import io.rillflow.subscriptions.UnknownSubscriptionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code: 2 for a command line or value that makes no sense, 3
 * for something named that does not exist, 1 for anything else. The stack trace follows only with {@code --verbose};
 * every line printed goes through the password mask.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final PasswordMask mask;

    Failures(PasswordMask mask) {
        this.mask = mask;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr()
                .println(mask.apply("rillflow: " + oneLine(e.getMessage()) + " (see: "
                        + command.getCommandSpec().qualifiedName() + " --help)"));
        return Rillflow.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (verbose(parsed)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(mask.apply(trace.toString()));
        }
        err.println(mask.apply("rillflow: " + oneLine(message(e))));
        return exitCode(e);
    }

    static int exitCode(Exception e) {
        if (e instanceof NotFoundException
                || e instanceof UnknownProjectionException
                || e instanceof UnknownDocumentTableException
                || e instanceof UnknownSubscriptionException
                || e instanceof DocumentNotFoundException
                || e instanceof TenantNotFoundException) {
            return Rillflow.NOT_FOUND;
        }
        if (e instanceof IllegalArgumentException || e instanceof InvalidIdentifierException) {
            return Rillflow.USAGE;
        }
        return Rillflow.FAILED;
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean verbose(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption("--verbose");
    }
}

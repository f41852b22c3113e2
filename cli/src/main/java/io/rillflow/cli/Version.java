package io.rillflow.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest carries, or "development" when run from classes. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Rillflow.class.getPackage().getImplementationVersion();
        return new String[] {"rillflow " + (version == null ? "development" : version)};
    }
}

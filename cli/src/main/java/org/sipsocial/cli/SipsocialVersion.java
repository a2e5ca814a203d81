package org.sipsocial.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
public final class SipsocialVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SipsocialVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sipsocial " + (version == null ? "development" : version)};
    }
}

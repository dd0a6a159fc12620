package org.dossierlink.cli;

import org.dossierlink.ProductInfo;

import picocli.CommandLine.IVersionProvider;

/** Prints the version the jar manifest carries. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {ProductInfo.NAME + " " + ProductInfo.version()};
    }
}

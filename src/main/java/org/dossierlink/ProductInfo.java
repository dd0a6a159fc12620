package org.dossierlink;

/** Product name and version, as the build wrote them into the jar manifest. */
public final class ProductInfo {

    public static final String NAME = "dossierlink";

    private ProductInfo() {
    }

    /** The Implementation-Version of the jar, or "development" when running from classes. */
    public static String version() {
        String v = ProductInfo.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

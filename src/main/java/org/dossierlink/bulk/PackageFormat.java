package org.dossierlink.bulk;

/** Names of the package format ({@code xsd/package.xsd}). */
public final class PackageFormat {

    /** Namespace of manifests, receipts and the concatenated form's wrapper. */
    public static final String NS = "urn:dossierlink:package:1";
    public static final String PREFIX = "pkg";
    /** The manifest entry of a ZIP package. */
    public static final String MANIFEST_ENTRY = "META-INF/manifest.xml";
    /** The detached signature over the manifest entry. */
    public static final String SIGNATURE_ENTRY = "META-INF/signature.xml";
    /** The URI by which the signature's Reference names the manifest (relative to META-INF/). */
    public static final String MANIFEST_URI = "manifest.xml";
    /** Folder of dossier entries in packages this node writes. */
    public static final String DOSSIERS_FOLDER = "dossiers/";
    /** Folder of document content entries in packages this node writes. */
    public static final String DOCUMENTS_FOLDER = "documents/";

    private PackageFormat() {
    }
}

package org.dossierlink.service;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.dossierlink.ProductInfo;
import org.dossierlink.dialect.Dialect;

/**
 * What GetServiceInfo answers.
 *
 * @param product    product name
 * @param version    product version
 * @param offices    ST.3 codes of the offices this node serves
 * @param operations the SOAP operations offered
 * @param dialects   the XML dialects this node converts to and from
 */
public record ServiceInfo(String product, String version, List<String> offices, List<String> operations,
                          List<String> dialects) {

    public static final String PRODUCT = ProductInfo.NAME;

    /** The operations of wsdl/dossierlink.wsdl, in contract order. */
    public static final List<String> OPERATIONS = List.of(
            "GetFamily", "GetDocumentList", "GetDocument", "GetBibliographicData", "NormalizeNumber",
            "ValidateDossier", "GetServiceInfo", "GetSigningCertificates", "SubmitPackage", "GetPackageReceipt",
            "ExportChanges");

    /** Every dialect this build converts to and from, by wire name. */
    public static final List<String> DIALECTS = java.util.Arrays.stream(Dialect.values()).map(Dialect::wireName).toList();

    public ServiceInfo {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        offices = List.copyOf(offices);
        operations = List.copyOf(operations);
        dialects = List.copyOf(dialects);
        if (offices.isEmpty()) {
            throw new IllegalArgumentException("a node serves at least one office");
        }
    }

    /** This build's info for the given offices: version from the jar manifest (Implementation-Version). */
    public static ServiceInfo forOffices(Collection<String> offices) {
        return new ServiceInfo(PRODUCT, ProductInfo.version(), List.copyOf(offices), OPERATIONS, DIALECTS);
    }
}

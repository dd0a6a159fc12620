package org.dossierlink.linkage;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.dossierlink.signature.TrustedCertificates;

/**
 * One peer node, as {@code conf/peers.xml} names it.
 *
 * @param name        its node name (its {@code node.name}); unique among the peers
 * @param endpoint    its SOAP 1.1 endpoint URL
 * @param certificate the certificate it signs answers and forwarded requests with: the only one trusted for it
 * @param offices     the offices whose dossiers it holds (ST.3 codes)
 * @param timeout     how long one call to it may take
 * @param trust       a trust store holding only {@code certificate}
 * @param tlsCertificate for an https endpoint, the peer's TLS server certificate to pin, or null to trust the
 *                    Java runtime's certificate authorities
 */
public record Peer(String name, URI endpoint, X509Certificate certificate, Set<String> offices, Duration timeout,
                   TrustedCertificates trust, X509Certificate tlsCertificate) {

    public Peer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(certificate, "certificate");
        offices = Set.copyOf(offices);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(trust, "trust");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of peer " + name + " must be positive");
        }
    }

    public Peer(String name, URI endpoint, X509Certificate certificate, Set<String> offices, Duration timeout) {
        this(name, endpoint, certificate, offices, timeout, null);
    }

    public Peer(String name, URI endpoint, X509Certificate certificate, Set<String> offices, Duration timeout,
                X509Certificate tlsCertificate) {
        this(name, endpoint, certificate, offices, timeout,
                new TrustedCertificates(List.of(certificate), "the certificate of peer " + name), tlsCertificate);
    }

    /** True when this peer holds the dossiers of {@code office}. */
    public boolean serves(String office) {
        return offices.contains(office);
    }
}

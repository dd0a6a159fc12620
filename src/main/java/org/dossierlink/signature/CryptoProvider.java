package org.dossierlink.signature;

import java.security.Provider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider for signature operations: Amazon Corretto Crypto Provider (AWS-LC, native) when it
 * loads on this platform, else null, which means the JDK's own providers. It is used only where
 * dossierlink asks for it (signing and verifying XML signatures); it is not installed JVM-wide, so TLS
 * and everything else keep the JDK's providers.
 */
public final class CryptoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static final Provider FOR_SIGNATURES = load();

    private CryptoProvider() {
    }

    /** The provider for XML signature operations, or null for the JDK's. */
    public static Provider forSignatures() {
        return FOR_SIGNATURES;
    }

    /** A name for logs and benchmarks: "AmazonCorrettoCryptoProvider 2.4.1" or "the JDK's providers". */
    public static String describe() {
        return FOR_SIGNATURES == null ? "the JDK's providers" : FOR_SIGNATURES.getName() + " " + FOR_SIGNATURES.getVersionStr();
    }

    private static Provider load() {
        if (Boolean.getBoolean("dossierlink.jdkCrypto")) {
            return null;
        }
        try {
            Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) accp.getField("INSTANCE").get(null);
            Object error = accp.getMethod("getLoadingError").invoke(provider);
            if (error != null) {
                LOG.info("signature operations use the JDK's providers: the native provider does not load here ({})", error);
                return null;
            }
            return provider;
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.info("signature operations use the JDK's providers ({})", e.toString());
            return null;
        }
    }
}

package dev.cookbook.crypto.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Map;

/**
 * The JDK's digests without the JCA's provider list, when that list would give them anyway.
 *
 * <p>{@code MessageDigest.getInstance(name)} loads the provider list and the first provider, SUN,
 * which registers every service it has (key stores, random generators, signatures), with their
 * algorithms' object identifiers: for a small file, more than hashing it takes (the README's
 * start-up section). Here the JCA makes the same class from a provider of cookbook's that has only
 * the digests: a {@link Provider.Service} instantiates its class by name, as the JDK's own
 * providers' services do, so no JDK package needs opening.
 *
 * <p>It is taken only where the runtime's {@code java.security} would give the same class: it names
 * SUN first and prefers no provider for any service ({@code jdk.security.provider.preferred}).
 * What a program changes at run time is not seen, since seeing it would load the list: a provider
 * it inserts first ({@code Security.insertProviderAt}) or preferences it sets are not asked for
 * these digests. Cookbook changes neither. The JCA's own checks still apply, such as Java 24's
 * {@code jdk.crypto.disabledAlgorithms}, which every {@code getInstance} reads. Otherwise, and if
 * the runtime has no such class (a later JDK could rename one), {@link #get} returns null and the
 * caller asks the JCA. Thread-safe.
 */
final class SunDigests {
    /** What the SUN provider's MessageDigest services make, Java 17 to 25, by JCA name. */
    static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("MD2", "sun.security.provider.MD2"),
            Map.entry("MD5", "sun.security.provider.MD5"),
            Map.entry("SHA-1", "sun.security.provider.SHA"),
            Map.entry("SHA-224", "sun.security.provider.SHA2$SHA224"),
            Map.entry("SHA-256", "sun.security.provider.SHA2$SHA256"),
            Map.entry("SHA-384", "sun.security.provider.SHA5$SHA384"),
            Map.entry("SHA-512", "sun.security.provider.SHA5$SHA512"),
            Map.entry("SHA-512/256", "sun.security.provider.SHA5$SHA512_256"),
            Map.entry("SHA3-224", "sun.security.provider.SHA3$SHA224"),
            Map.entry("SHA3-256", "sun.security.provider.SHA3$SHA256"),
            Map.entry("SHA3-384", "sun.security.provider.SHA3$SHA384"),
            Map.entry("SHA3-512", "sun.security.provider.SHA3$SHA512"));

    private SunDigests() {}

    /**
     * A new digest {@code jcaName} made as the provider list would make it, or null if that is not
     * certain or the class is missing: ask {@code MessageDigest.getInstance(jcaName)} then.
     */
    static MessageDigest get(String jcaName) {
        if (!CLASSES.containsKey(jcaName) || !Digests.LIST_GIVES_SUN) {
            return null;
        }
        return make(jcaName, Digests.PROVIDER);
    }

    /** Digest {@code jcaName} from {@code provider}, or null if it has none or its class is missing. */
    static MessageDigest make(String jcaName, Provider provider) {
        try {
            return MessageDigest.getInstance(jcaName, provider);
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            return null; // no such class in this runtime, or it could not be made
        }
    }

    /**
     * Whether the provider list, as {@code java.security} configures it, answers a digest from SUN:
     * SUN first (by name or class) and no preferred providers.
     */
    static boolean listGivesSun(String first, String preferred) {
        return first != null
                && (first.equals("SUN") || first.equals("sun.security.provider.Sun"))
                && (preferred == null || preferred.isBlank());
    }

    /** Made on first use: a call that hashes nothing pays nothing. */
    private static final class Digests {
        static final boolean LIST_GIVES_SUN = listGivesSun();
        static final Provider PROVIDER = new DigestProvider(CLASSES);

        private static boolean listGivesSun() {
            try {
                return SunDigests.listGivesSun(
                        Security.getProperty("security.provider.1"),
                        Security.getProperty("jdk.security.provider.preferred"));
            } catch (SecurityException e) {
                return false; // a security manager that hides the configuration: ask the JCA
            }
        }
    }

    /** A provider of the given MessageDigest services, by JCA name and class name. */
    static final class DigestProvider extends Provider {
        private static final long serialVersionUID = 1L;

        DigestProvider(Map<String, String> classes) {
            super("cookbook-digests", "1", "the SUN provider's digests, without the provider list");
            for (Map.Entry<String, String> e : classes.entrySet()) {
                putService(new Service(this, "MessageDigest", e.getKey(), e.getValue(), null, null));
            }
        }
    }
}

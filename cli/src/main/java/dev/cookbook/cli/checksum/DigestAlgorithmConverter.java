package dev.cookbook.cli.checksum;

import dev.cookbook.crypto.digest.DigestAlgorithm;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code -a sha256}: names such as {@code sha3-256} are not Java identifiers, so picocli's enum
 * conversion cannot read them. Also the completion candidates, so the shell offers the same names.
 */
public final class DigestAlgorithmConverter implements ITypeConverter<DigestAlgorithm>, Iterable<String> {

    @Override
    public DigestAlgorithm convert(String value) {
        return DigestAlgorithm.fromName(value)
                .orElseThrow(() -> new TypeConversionException(
                        "unknown algorithm '" + value + "' (see 'cookbook checksum --list')"));
    }

    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            names.add(a.cliName());
        }
        return names.iterator();
    }
}

package dev.cookbook.cli.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout DUR}: a number with a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 30s}, {@code 1.5s}, {@code 2m}). */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration: give a number and a unit, as 500ms, 30s, 1.5s or 2m");
        }
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis));
        if (millis.signum() == 0 || millis.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new TypeConversionException("'" + value + "' is not between 1ms and 24 days");
        }
        return Duration.ofMillis(
                millis.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }
}

package dev.cookbook.cli.csv;

import dev.cookbook.csv.CsvException;

/** The advice for a {@link CsvException} that names the option changing the outcome, where there is one. */
final class CsvHints {
    private CsvHints() {}

    /**
     * @param writing whether the failure is about CSV being written (an encoding error is then
     *                about the output)
     */
    static String hint(CsvException e, boolean writing) {
        return switch (e.kind()) {
            case ENCODING ->
                writing
                        ? "choose an --encoding that can hold it, such as UTF-8"
                        : "give the file's encoding with --encoding";
            case DUPLICATE_NAME -> "--dedupe-headers renames a repeated name a to a_2, a_3, ...";
            case UNKNOWN_KEY -> "--extras ignore drops keys that are not columns; --fields sets the columns";
            case NESTED_VALUE -> "--json-cells writes objects and arrays as their JSON text";
            case ARRAY_RECORD -> "--rows writes JSON arrays as rows";
            case OBJECT_ROW -> "without --rows, JSON objects are written as records";
            case NOT_A_NUMBER -> "with --quoting nonnumeric, text must be quoted";
            default -> null;
        };
    }
}

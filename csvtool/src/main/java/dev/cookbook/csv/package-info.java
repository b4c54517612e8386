/**
 * CSV read and written as Python's {@code csv} module does, and converted to and from JSON records.
 *
 * <p>For most uses, call {@link dev.cookbook.csv.CsvToJson#convert CsvToJson.convert} (CSV to JSON
 * Lines, as {@code csv.DictReader}) or {@link dev.cookbook.csv.JsonToCsv#convert JsonToCsv.convert}
 * (JSON records to CSV, as {@code csv.DictWriter}), with a {@link dev.cookbook.csv.Dialect} and
 * options built by their builders. {@link dev.cookbook.csv.CsvReader} and
 * {@link dev.cookbook.csv.CsvWriter} read and write records one at a time;
 * {@link dev.cookbook.csv.CsvAppendTarget} appends to a file all or nothing. Every problem with the
 * data is a {@link dev.cookbook.csv.CsvException} naming its line.
 */
package dev.cookbook.csv;

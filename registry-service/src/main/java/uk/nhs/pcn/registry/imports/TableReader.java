package uk.nhs.pcn.registry.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jboss.logging.Logger;

import uk.nhs.pcn.platform.api.TextCharacters;
import uk.nhs.pcn.platform.problem.Problem.FieldError;
import uk.nhs.pcn.platform.problem.ProblemException;

/** Reads xlsx workbooks (Apache POI) and CSV files (Commons CSV) into {@link Table}s. */
public final class TableReader {

    private static final Logger LOG = Logger.getLogger(TableReader.class);

    private static final java.time.format.DateTimeFormatter YYYYMMDD =
            java.time.format.DateTimeFormatter.BASIC_ISO_DATE;

    private TableReader() {
    }

    /**
     * Every sheet of an xlsx workbook, keyed by normalised sheet name. A workbook POI cannot read is a 400 in the
     * user's words (POI's own message names its internals, such as its allocation limits); a cell holding a
     * character that cannot be stored is a 422 naming its sheet, row and column.
     */
    public static Map<String, Table> readWorkbook(InputStream in) {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (Workbook workbook = new XSSFWorkbook(in)) {
            DataFormatter formatter = new DataFormatter();
            for (Sheet sheet : workbook) {
                tables.put(Table.normalise(sheet.getSheetName()), readSheet(sheet, formatter));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Unreadable workbook");
            throw ProblemException.invalid("file", "xlsx", "The file is not a readable xlsx workbook: it may be "
                    + "damaged, cut short, password-protected or saved in another format. Open it in a spreadsheet "
                    + "program, save it as an Excel workbook (.xlsx) and send it again.");
        }
        requireStorableText(tables.values());
        return tables;
    }

    private static Table readSheet(Sheet sheet, DataFormatter formatter) {
        List<String> headers = new ArrayList<>();
        List<Table.Row> rows = new ArrayList<>();
        int first = sheet.getFirstRowNum();
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            if (row.getRowNum() == first) {
                for (Cell cell : row) {
                    while (headers.size() < cell.getColumnIndex()) {
                        headers.add("");
                    }
                    headers.add(Table.normalise(formatter.formatCellValue(cell)));
                }
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            boolean blank = true;
            for (Cell cell : row) {
                int index = cell.getColumnIndex();
                if (index < headers.size() && !headers.get(index).isEmpty()) {
                    String text = cellText(cell, formatter);
                    if (!text.isBlank()) {
                        blank = false;
                    }
                    cells.put(headers.get(index), text);
                }
            }
            if (!blank) {
                rows.add(new Table.Row(row.getRowNum() + 1, cells));
            }
        }
        return new Table(sheet.getSheetName(), headers, rows);
    }

    /** Dates held as Excel dates become YYYYMMDD like the ODS text form; whole numbers lose any ".0". */
    private static String cellText(Cell cell, DataFormatter formatter) {
        if (cell.getCellType() == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().format(YYYYMMDD);
            }
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return formatter.formatCellValue(cell);
    }

    /**
     * A CSV file with a header row. A file Commons CSV cannot read is a 400 naming the line (not the parser's
     * message); a cell holding a character that cannot be stored is a 422 naming its row and column.
     */
    public static Table readCsv(String name, InputStream in) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setTrim(true).build();
        CSVParser parser;
        try {
            // Strict UTF-8: a byte that is not UTF-8 is refused, not silently read as U+FFFD.
            parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    format);
        } catch (CharacterCodingException e) {
            throw notUtf8(name, 1);
        } catch (IOException | RuntimeException e) {
            throw unreadableCsv(name, 1, e);
        }
        Table table;
        try (parser) {
            List<String> originals = parser.getHeaderNames();
            List<String> headers = originals.stream().map(h -> Table.normalise(h.replace("\uFEFF", ""))).toList();
            List<Table.Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < headers.size() && i < record.size(); i++) {
                    cells.put(headers.get(i), record.get(i));
                }
                rows.add(new Table.Row((int) record.getRecordNumber() + 1, cells));
            }
            table = new Table(name, headers, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
                throw notUtf8(name, parser.getCurrentLineNumber() + 1);
            }
            throw unreadableCsv(name, parser.getCurrentLineNumber() + 1, e);
        }
        requireStorableText(List.of(table));
        return table;
    }

    private static ProblemException notUtf8(String name, long line) {
        return ProblemException.invalid("file", "utf-8", "The " + name + " file is not UTF-8 text near line " + line
                + ": save it as CSV UTF-8 (a byte there is not UTF-8, e.g. a file saved as Windows-1252)");
    }

    private static ProblemException unreadableCsv(String name, long line, Exception cause) {
        LOG.debugf(cause, "Unreadable CSV %s", name);
        return ProblemException.invalid("file", "csv", "The " + name + " file is not readable CSV near line " + line
                + ": a quoted value is not closed, or text follows its closing quote");
    }

    /**
     * Every header and cell may be stored as text ({@link TextCharacters}): a NUL in a cell would otherwise fail the
     * import in PostgreSQL. Every such cell is listed, like any other invalid row (422, nothing imported).
     */
    private static void requireStorableText(Iterable<Table> tables) {
        List<FieldError> problems = new ArrayList<>();
        for (Table table : tables) {
            for (String header : table.headers()) {
                int index = TextCharacters.firstRefused(header);
                if (index >= 0) {
                    problems.add(new FieldError(table.name(), TextCharacters.RULE, "A column header contains "
                            + TextCharacters.describe(header, index) + ", which cannot be stored", 1, null));
                }
            }
            for (Table.Row row : table.rows()) {
                for (String column : table.headers()) {
                    String cell = row.cells().get(column);
                    int index = TextCharacters.firstRefused(cell);
                    if (index >= 0) {
                        problems.add(new FieldError(table.name(), TextCharacters.RULE, TextCharacters.message(column,
                                TextCharacters.describe(cell, index)), row.number(), column));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw EpcnImporter.invalidFile(problems);
        }
    }
}

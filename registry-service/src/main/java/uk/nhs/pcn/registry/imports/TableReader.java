package uk.nhs.pcn.registry.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
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

import uk.nhs.pcn.platform.problem.ProblemException;

/** Reads xlsx workbooks (Apache POI) and CSV files (Commons CSV) into {@link Table}s. */
public final class TableReader {

    private static final java.time.format.DateTimeFormatter YYYYMMDD =
            java.time.format.DateTimeFormatter.BASIC_ISO_DATE;

    private TableReader() {
    }

    /** Every sheet of an xlsx workbook, keyed by normalised sheet name. */
    public static Map<String, Table> readWorkbook(InputStream in) {
        try (Workbook workbook = new XSSFWorkbook(in)) {
            Map<String, Table> tables = new LinkedHashMap<>();
            DataFormatter formatter = new DataFormatter();
            for (Sheet sheet : workbook) {
                tables.put(Table.normalise(sheet.getSheetName()), readSheet(sheet, formatter));
            }
            return tables;
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalid("file", "xlsx",
                    "The file is not a readable xlsx workbook: " + e.getMessage());
        }
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

    /** A CSV file with a header row. */
    public static Table readCsv(String name, InputStream in) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setTrim(true).build();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
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
            return new Table(name, headers, rows);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalid("file", "csv", "The " + name + " file is not readable CSV: "
                    + e.getMessage());
        }
    }
}

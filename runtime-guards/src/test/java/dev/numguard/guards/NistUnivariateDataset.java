package dev.numguard.guards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One NIST StRD univariate data set parsed from its text file: the certified sample mean and
 * sample standard deviation, and the observations as doubles.
 *
 * <p>Two layouts occur: the original {@code .dat} layout (header says "Data : lines A to B",
 * certificate lines "ybar:" and "s:"), and a '#'-commented layout (Lew, Lottery) with
 * {@code mean = …}, {@code standardDeviation = …}, {@code n = …} and the data after a "# Data"
 * banner.
 */
final class NistUnivariateDataset {

    private static final Pattern DATA_LINES = Pattern.compile("Data\\s*: lines\\s+(\\d+) to\\s+(\\d+)");
    private static final Pattern CERTIFIED_MEAN = Pattern.compile("ybar:\\s*(\\S+)|(?m)^mean\\s*=\\s*(\\S+)");
    private static final Pattern CERTIFIED_SD = Pattern.compile(
            "\\bs:\\s*(\\S+)|(?m)^standardDeviation\\s*=\\s*(\\S+)");
    private static final Pattern OBSERVATIONS = Pattern.compile(
            "Number of Observations:\\s*(\\d+)|(?m)^n\\s*=\\s*(\\d+)");

    final String name;
    final String certifiedMean;
    final String certifiedStandardDeviation;
    final double[] values;

    private NistUnivariateDataset(String name, String certifiedMean, String certifiedStandardDeviation,
            double[] values) {
        this.name = name;
        this.certifiedMean = certifiedMean;
        this.certifiedStandardDeviation = certifiedStandardDeviation;
        this.values = values;
    }

    static final List<String> NAMES = List.of(
            "Lew", "Lottery", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4", "PiDigits");

    static NistUnivariateDataset load(String name) {
        String text = readResource("/nist-strd/" + name + ".txt");
        String[] lines = text.split("\\R", -1);
        List<String> dataLines = new ArrayList<>();
        Matcher range = DATA_LINES.matcher(text);
        if (range.find()) {
            int first = Integer.parseInt(range.group(1));
            int last = Integer.parseInt(range.group(2));
            for (int line = first; line <= last; line++) {
                dataLines.add(lines[line - 1]);
            }
        } else {
            int banner = -1;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].trim().equals("# Data")) {
                    banner = i;
                }
            }
            if (banner < 0) {
                throw new IllegalStateException(name + ": no data section");
            }
            for (int i = banner + 1; i < lines.length; i++) {
                if (!lines[i].startsWith("#") && !lines[i].isBlank()) {
                    dataLines.add(lines[i]);
                }
            }
        }
        List<Double> parsed = new ArrayList<>();
        for (String line : dataLines) {
            for (String token : line.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    parsed.add(Double.parseDouble(token));
                }
            }
        }
        double[] values = parsed.stream().mapToDouble(Double::doubleValue).toArray();
        int declared = Integer.parseInt(firstGroup(OBSERVATIONS, text, name));
        if (declared != values.length) {
            throw new IllegalStateException(name + ": " + values.length + " values, header says " + declared);
        }
        return new NistUnivariateDataset(name, firstGroup(CERTIFIED_MEAN, text, name),
                firstGroup(CERTIFIED_SD, text, name), values);
    }

    private static String firstGroup(Pattern pattern, String text, String name) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(name + ": no match for " + pattern);
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String readResource(String path) {
        try (InputStream in = NistUnivariateDataset.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

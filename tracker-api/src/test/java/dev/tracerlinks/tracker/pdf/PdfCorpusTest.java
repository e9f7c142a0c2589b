package dev.tracerlinks.tracker.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.model.RewriteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PDF of both corpora, rewritten and judged by the generator corpus's own checker
 * ({@code check-rewrite.py}: qpdf --check, pages, link counts, links at the base URL, mailto and
 * internal links kept, and the visible-text score). Tokens here come from a counter; the HTTP
 * tests issue real ones.
 */
class PdfCorpusTest {
    /** The generator corpus (many PDF producers) and the template corpus (resumes made by public templates). */
    static final Path CORPUS = Path.of("../corpus");
    static final List<String> SETS = List.of("pdf", "pdf-templates");
    static final String BASE = "https://t.example.com/cv/";

    @TempDir
    Path temp;

    /** Every PDF of both sets, as {@code set/name.pdf}. */
    static Stream<String> corpus() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        for (String set : SETS) {
            try (Stream<Path> files = Files.list(CORPUS.resolve(set))) {
                files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".pdf")).sorted()
                        .forEach(name -> names.add(set + "/" + name));
            }
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void every_corpus_pdf_passes_the_checker(String name) throws Exception {
        Map<String, String> tokens = new HashMap<>();
        PdfRewriter rewriter = new PdfRewriter(PdfRewriter.Limits.defaults());
        PdfRewriter.Result result = rewriter.rewrite("job-1", Files.readAllBytes(CORPUS.resolve(name)), (sourcePath, destination, description) -> {
            String token = tokens.computeIfAbsent(destination, d -> "acme-" + (char) ('a' + tokens.size() / 26) + (char) ('a' + tokens.size() % 26));
            return new PdfRewriter.IssuedLink(token, BASE + token);
        });
        Path out = temp.resolve(name.replace('/', '_'));
        Files.write(out, result.pdf());
        // -Dpdf.corpus.out=DIR keeps the rewritten files for a look (pdftoppm, a viewer).
        String keep = System.getProperty("pdf.corpus.out");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.write(Path.of(keep, name.replace('/', '_')), result.pdf());
        }

        Process checker = new ProcessBuilder("python3", CORPUS.resolve("pdf/check-rewrite.py").toString(), CORPUS.resolve(name).toString(),
                out.toString(), CORPUS.resolve(name.replace(".pdf", ".expect.json")).toString(), BASE)
                .redirectErrorStream(true).start();
        String verdict = new String(checker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        checker.waitFor();
        RewriteReport report = result.report();
        System.out.println(name + ": " + verdict.lines().filter(line -> line.startsWith("PASS") || line.startsWith("FAIL")).findFirst().orElse(verdict)
                + " | replaced " + report.visibleTextsReplaced() + ", kept " + report.visibleTextsKept());
        assertThat(verdict).as(verdict).contains("PASS");
        assertThat(checker.exitValue()).isZero();
    }
}

package org.mqvio.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document a file of the repository cites exists, and so does every section it cites
 * ({@link DocumentCitations}): a comment that points a reader at a document or section that is not there fails
 * the build. The checks on small made-up repositories show each kind of dangling citation is caught. Their
 * file names are built from parts ({@code "gone" + MD}) so that this file cites no missing document itself.
 */
class CitedDocumentsTest {
    private static final String MD = ".md";

    @Test
    void everyCitedDocumentAndSectionOfTheRepositoryExists() {
        Path repository = DocumentCitations.repositoryAround(Path.of(""));
        assertThat(new DocumentCitations(repository).dangling()).as("dangling citations in " + repository).isEmpty();
    }

    @Test
    void aCitedDocumentThatIsNotThereIsReportedWithFileAndLine(@TempDir Path repo) throws IOException {
        write(repo, "src/Foo.java", "/**\n * See GONE" + MD + " section 8, item 1.\n */\nclass Foo {}\n");

        assertThat(new DocumentCitations(repo).dangling())
                .containsExactly("src/Foo.java:2: cites GONE" + MD + ", which is not in the repository");
    }

    @Test
    void aCitedSectionThatIsNotThereIsReportedWithTheSectionsThatAre(@TempDir Path repo) throws IOException {
        write(repo, "docs/guide" + MD, "# Guide\n\n## The cost model\n\ntext\n");
        write(repo, "costs.properties", "# Sources: docs/guide" + MD + "#costs.\nkey=1\n");

        assertThat(new DocumentCitations(repo).dangling()).containsExactly("costs.properties:1: cites docs/guide" + MD
                + "#costs, but docs/guide" + MD + " has no heading or anchor 'costs'; it has: guide, the-cost-model");
    }

    @Test
    void headingsExplicitAnchorsAndRelativeLinksResolve(@TempDir Path repo) throws IOException {
        write(repo, "docs/guide" + MD, String.join("\n",
                "# Guide", "## A request's path", "## Notes", "## Notes",
                "```", "## not a heading: inside a code block", "```",
                "<a id=\"invariant-1a\"></a>**1a.** Exactly once.", "See [the path](#a-requests-path)."));
        write(repo, "README" + MD, "Read [the guide](docs/guide" + MD + "#notes-1) and https://example.org/other" + MD
                + ".\n");
        write(repo, "docs/more" + MD, "[up](../README" + MD + ") and [guide](guide" + MD + "#invariant-1a)\n");
        write(repo, "Foo.java", "// docs/guide" + MD + "#a-requests-path\n");

        assertThat(new DocumentCitations(repo).dangling()).isEmpty();
    }

    @Test
    void aLinkToAMissingAnchorOfTheSameDocumentIsReported(@TempDir Path repo) throws IOException {
        write(repo, "docs/guide" + MD, "# Guide\n\nSee [below](#later).\n");

        assertThat(new DocumentCitations(repo).dangling()).containsExactly("docs/guide" + MD + ":3: cites guide" + MD
                + "#later, but guide" + MD + " has no heading or anchor 'later'; it has: guide");
    }

    @Test
    void aMentionOfAnInvariantNumberMustNameOneTheNumberingDefines(@TempDir Path repo) throws IOException {
        write(repo, DocumentCitations.INVARIANTS, String.join("\n", "## Invariants",
                "<a id=\"invariant-1a\"></a>**1a.** once", "<a id=\"invariant-2\"></a>**2.** free"));
        write(repo, "Check.java", String.join("\n", "/** Invariants 1a, 2 and 1 hold. */",
                "/** Invariant " + "1b, and invariants 2 to " + "7. */"));

        String numbering = DocumentCitations.INVARIANTS;
        assertThat(new DocumentCitations(repo).dangling()).containsExactly(
                "Check.java:2: cites invariant 1b, but " + numbering + " defines no anchor invariant-1b",
                "Check.java:2: cites invariant " + "7, but " + numbering + " defines no anchor invariant-7");
    }

    @Test
    void buildOutputAndToolFoldersAreNotScanned(@TempDir Path repo) throws IOException {
        write(repo, "api/target/Gen.java", "// GONE" + MD + "\n");
        write(repo, ".git/notes" + MD, "GONE" + MD + "\n");

        assertThat(new DocumentCitations(repo).dangling()).isEmpty();
    }

    private static void write(Path repo, String relative, String text) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

}

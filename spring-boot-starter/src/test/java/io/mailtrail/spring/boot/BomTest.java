package io.mailtrail.spring.boot;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mailtrail-bom} manages every artifact the build ships, at this build's version, and nothing else (no
 * third-party version that could override the application's Spring Boot versions).
 */
class BomTest {

    /** Modules that are not shipped. */
    private static final Set<String> NOT_SHIPPED = Set.of("benchmarks", "spring-boot-starter-boot4-test", "bom");

    private static Path root() {
        return Path.of(System.getProperty("mailtrail.starter.dir", ".")).resolve("..").normalize();
    }

    private static Document xml(Path file) throws Exception {
        assertThat(file).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String child(Element e, String name) {
        NodeList l = e.getElementsByTagName(name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    @Test
    void theBomManagesEveryShippedModuleAndOnlyThem() throws Exception {
        Document rootPom = xml(root().resolve("pom.xml"));
        List<String> shipped = new ArrayList<>();
        NodeList modules = rootPom.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (!NOT_SHIPPED.contains(module)) {
                Element project = xml(root().resolve(module).resolve("pom.xml")).getDocumentElement();
                shipped.add(directChild(project, "artifactId"));
            }
        }
        Document bom = xml(root().resolve("bom/pom.xml"));
        Element project = bom.getDocumentElement();
        assertThat(directChild(project, "version")).isEqualTo(System.getProperty("mailtrail.version"));
        assertThat(project.getElementsByTagName("parent").getLength()).as("a BOM without parent").isZero();
        List<String> managed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("io.mailtrail");
            assertThat(child(d, "version")).isEqualTo("${mailtrail.version}");
            managed.add(child(d, "artifactId"));
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(shipped);
    }

    private static String directChild(Element e, String name) {
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }
}

// Copies the examples project's sources (main and tests) into this test project.
import java.nio.file.*

def from = Paths.get(examplesDir, 'src')
def to = basedir.toPath().resolve('src')
assert Files.isDirectory(from) : "no examples sources at ${from}"
Files.walk(from).forEach { source ->
    def target = to.resolve(from.relativize(source).toString())
    if (Files.isDirectory(source)) {
        Files.createDirectories(target)
    } else {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING)
    }
}
return true

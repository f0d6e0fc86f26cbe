import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Flavour, PACKAGE_DIR, ROOT, pacmak } from "./jsii-packages";

// Go, Java and C# packages as jsii-pacmak generates them for each flavour (sources only: Maven
// Central reachable here has neither framework's Maven artifact, and there is no .NET; the Go
// sources are built and run by go-app.test.ts), checked for the names package.json gives them
// and, for Go, for every name of ours the README's Go app (examples/go/main.go) uses, so that a
// renamed construct or prop fails here by name.

function targets(flavour: Flavour) {
  return JSON.parse(readFileSync(join(PACKAGE_DIR[flavour], "package.json"), "utf8")).jsii.targets;
}

function goSources(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".go"))
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
}

describe.each<Flavour>(["cdktf", "cdktn"])("the %s packages for other languages", (flavour) => {
  test("Go: a module at package.json's path that declares every name the README's app uses", async () => {
    // given
    const { go } = targets(flavour);
    const dir = join(await pacmak(flavour, "go", true), "go", go.packageName);
    const sources = goSources(dir);
    const app = readFileSync(join(ROOT, "examples/go/main.go"), "utf8");

    // then
    expect(readFileSync(join(dir, "go.mod"), "utf8")).toMatch(
      new RegExp(`^module ${go.moduleName}/${go.packageName}$`, "m"),
    );
    const used = [...app.matchAll(/\bdwsdr\.(\w+)/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(3);
    for (const name of used) {
      expect(sources).toMatch(new RegExp(`^(func ${name}\\(|type ${name} )`, "m"));
    }
    // the fields the app sets on the props structs
    for (const [, struct, body] of app.matchAll(/&dwsdr\.(\w+)\{([\s\S]*?)\n?\s*\}\)/g)) {
      const declared = new RegExp(`type ${struct} struct \\{([\\s\\S]*?)\\n\\}`).exec(sources);
      expect(declared).not.toBeNull();
      for (const [, field] of body.matchAll(/(\w+):/g)) {
        expect(declared![1]).toMatch(new RegExp(`^\\t${field} `, "m"));
      }
    }
  }, 300_000);

  test("Java and C#: generated under package.json's Maven and NuGet names", async () => {
    // given
    const { java, dotnet } = targets(flavour);
    const javaDir = join(await pacmak(flavour, "java", true), "java");
    const dotnetDir = join(await pacmak(flavour, "dotnet", true), "dotnet");

    // then
    const pom = readFileSync(join(javaDir, "pom.xml"), "utf8");
    expect(pom).toContain(`<groupId>${java.maven.groupId}</groupId>`);
    expect(pom).toContain(`<artifactId>${java.maven.artifactId}</artifactId>`);
    const runbook = join(
      javaDir,
      "src/main/java",
      ...java.package.split("."),
      "DisasterRecoveryRunbook.java",
    );
    expect(readFileSync(runbook, "utf8")).toContain("public class DisasterRecoveryRunbook");
    const project = readFileSync(
      join(dotnetDir, dotnet.packageId, `${dotnet.packageId}.csproj`),
      "utf8",
    );
    expect(project).toContain(`<PackageId>${dotnet.packageId}</PackageId>`);
  }, 300_000);
});

// Runs Python inside Pyodide (the WebAssembly Python that xlwings Lite uses) under Node.js, for tests/test_pyodide.py.
// usage: node run.mjs SOURCE_ROOT SCRIPT.py [WHEEL ...]
// SOURCE_ROOT/sip_excel is copied into Pyodide's file system and put on sys.path; each wheel (a pure-Python
// wheel that pip downloaded) is unpacked into site-packages, as micropip would, without the network.
// What the script prints goes to stdout; a Python exception exits with status 1.
import { loadPyodide } from "pyodide";
import fs from "node:fs";
import path from "node:path";

const [sourceRoot, script, ...wheels] = process.argv.slice(2);
const pyodide = await loadPyodide({ stdout: (line) => console.log(line), stderr: (line) => console.error(line) });

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "__pycache__") continue;
    const source = path.join(from, entry.name);
    const target = `${to}/${entry.name}`;
    if (entry.isDirectory()) copyTree(source, target);
    else pyodide.FS.writeFile(target, fs.readFileSync(source));
  }
}

copyTree(path.join(sourceRoot, "sip_excel"), "/home/pyodide/src/sip_excel");
for (const wheel of wheels) {
  const bytes = fs.readFileSync(wheel);
  pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), "wheel");
}
try {
  await pyodide.runPythonAsync(
    "import sys; sys.path.insert(0, '/home/pyodide/src')\n" + fs.readFileSync(script, "utf8"));
} catch (error) {
  console.error(String(error));
  process.exit(1);
}

// Copies the stylesheet next to the compiled React components.
import { copyFileSync, mkdirSync, existsSync } from "node:fs";

if (existsSync("src/react/styles.css")) {
  mkdirSync("dist/src/react", { recursive: true });
  copyFileSync("src/react/styles.css", "dist/src/react/styles.css");
}

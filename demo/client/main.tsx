import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@fontsource-variable/inter/wght.css";
import "../../src/react/styles.css";
import "./styles.css";
import { App } from "./app.js";

const root = document.getElementById("root");
if (!root) throw new Error("demo: index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// A minimal VS Code extension: starts `klarsprog lsp` for plain text and Markdown.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

exports.activate = function activate() {
  const command = vscode.workspace.getConfiguration("klarsprog").get("path") || "klarsprog";
  client = new LanguageClient(
    "klarsprog",
    "Klarsprog",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
      ],
    },
  );
  return client.start();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};

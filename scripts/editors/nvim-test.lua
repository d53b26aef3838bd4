-- Headless test: Neovim's built-in LSP client (0.7+) against `klarsprog lsp`.
-- Run by scripts/editor-test; exits 1 when something is missing.
local out = {}
local function fail(what)
  table.insert(out, 'FEJL: ' .. what)
  vim.fn.writefile(out, os.getenv('OUT'))
  vim.cmd('cquit 1')
end
local id = vim.lsp.start_client({ name = 'klarsprog', cmd = { 'klarsprog', 'lsp' }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(0, id)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local seen = false
for _, d in ipairs(vim.diagnostic.get(0)) do
  local text = vim.api.nvim_buf_get_text(0, d.lnum, d.col, d.end_lnum, d.end_col, {})[1]
  table.insert(out, string.format('nvim diagnostic %d:%d %q %s', d.lnum, d.col, text, d.message))
  if text == 'I henhold til' then seen = true end
end
if not seen then fail('no diagnostic on «I henhold til» after the emoji') end
local params = {
  textDocument = vim.lsp.util.make_text_document_params(0),
  range = { start = { line = 2, character = 9 }, ['end'] = { line = 2, character = 9 } },
  context = { diagnostics = {} },
}
local res = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000)
local action = res[id].result[1]
table.insert(out, 'nvim first action: ' .. action.title)
vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
local line = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
table.insert(out, 'nvim line 3 after it: ' .. line)
if line ~= 'æøå 😀 Efter loven skal du sende skemaet.' then fail('the quick-fix did not replace the phrase') end
local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover',
  { textDocument = vim.lsp.util.make_text_document_params(0), position = { line = 0, character = 1 } }, 10000)
local value = hover[id].result.contents.value
table.insert(out, 'nvim hover on line 1: ' .. value)
if not value:find('^%*%*LIX ') then fail('no LIX on line 1') end
table.insert(out, 'nvim: ok')
vim.fn.writefile(out, os.getenv('OUT'))
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')

-- Indentation for Orga: one shiftwidth per open '{'.
if vim.b.did_indent then
  return
end
vim.b.did_indent = 1

vim.bo.indentexpr = "v:lua.require'orga.indent'.get(v:lnum)"
vim.bo.indentkeys = "0{,0},!^F,o,O"
vim.bo.autoindent = true
vim.b.undo_indent = "setlocal indentexpr< indentkeys< autoindent<"

-- Files ending in .orga are Orga models.
if vim.fn.has("nvim-0.8") == 1 then
  vim.filetype.add({ extension = { orga = "orga" } })
else
  -- Neovim 0.7 detects file types with filetype.vim: an autocommand in the
  -- filetypedetect group (this file is sourced inside it).
  vim.cmd([[autocmd BufRead,BufNewFile *.orga setfiletype orga]])
end

-- End-to-end test of `orgc lsp` in Neovim 0.7 (headless), through the editor
-- set-up in editors/nvim. Run by run.sh:
--   ORGC=/abs/orgc ORGA_WS=/tmp/ws ORGA_REPO=/abs/repo nvim --headless --clean -u NONE -c 'luafile test.lua'
local orgc = os.getenv("ORGC")
local ws = os.getenv("ORGA_WS")
local repo = os.getenv("ORGA_REPO")

local failures = 0
local function check(ok, what)
  if ok then
    io.stdout:write("ok   " .. what .. "\n")
  else
    io.stdout:write("FAIL " .. what .. "\n")
    failures = failures + 1
  end
end

local function finish()
  if failures > 0 then
    io.stdout:write(failures .. " failed\n")
    vim.cmd("cquit 1")
  else
    io.stdout:write("all passed\n")
    vim.cmd("qall!")
  end
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(repo .. "/editors/nvim")
  -- Filetype detection ran at startup, before editors/nvim was on the runtime path:
  -- load its ftdetect script the way filetype.vim does.
  vim.cmd("filetype on")
  vim.cmd("augroup filetypedetect")
  vim.cmd("runtime! ftdetect/orga.lua")
  vim.cmd("augroup END")
  local orga = require("orga")
  orga.setup({ cmd = { orgc, "lsp" }, root_markers = { "model.orga" } })

  -- A file with an unknown reference after umlauts and an emoji.
  vim.cmd("edit " .. ws .. "/broken.orga")
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == "orga", "filetype orga")

  local attached = vim.wait(10000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 50)
  check(attached, "client attached")
  local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  check(got, "diagnostics published")
  local diags = vim.diagnostic.get(buf)
  local line = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  local byte_col = string.find(line, "Nobody", 1, true) - 1   -- 0-based byte column
  check(#diags == 1 and diags[1].lnum == 0 and diags[1].col == byte_col,
        ("diagnostic at line 0, byte column %d (got %s)"):format(byte_col, vim.inspect(diags[1] and { diags[1].lnum, diags[1].col })))
  check(diags[1] and diags[1].code == "E301", "diagnostic code E301")

  -- Hover, definition, rename in processes.orga.
  vim.cmd("edit " .. ws .. "/processes.orga")
  local pbuf = vim.api.nvim_get_current_buf()
  vim.wait(10000, function() return #vim.lsp.buf_get_clients(pbuf) > 0 end, 50)
  local lines = vim.api.nvim_buf_get_lines(pbuf, 0, -1, false)
  local row, col
  for i, l in ipairs(lines) do
    local s = string.find(l, "by SB", 1, true)
    if s then row, col = i - 1, s + 3; break end   -- on `SB` (byte column)
  end
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  local params = vim.lsp.util.make_position_params()

  local hover = vim.lsp.buf_request_sync(pbuf, "textDocument/hover", params, 10000)
  local htext = ""
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then htext = r.result.contents.value or "" end
  end
  check(htext:find("need", 1, true) ~= nil and htext:find("Sachbearbeitung", 1, true) ~= nil, "hover shows the need: " .. htext:sub(1, 80))

  local def = vim.lsp.buf_request_sync(pbuf, "textDocument/definition", params, 10000)
  local duri = ""
  for _, r in pairs(def or {}) do
    if r.result and r.result[1] then duri = r.result[1].uri end
  end
  check(duri:match("organisation%.orga$") ~= nil, "definition in organisation.orga: " .. duri)

  local rparams = vim.lsp.util.make_position_params()
  rparams.newName = "SB_Neu"
  local ren = vim.lsp.buf_request_sync(pbuf, "textDocument/rename", rparams, 10000)
  local edit
  for _, r in pairs(ren or {}) do edit = r.result end
  local files = 0
  for _ in pairs((edit and edit.changes) or {}) do files = files + 1 end
  check(files == 2, "rename touches 2 files (" .. files .. ")")
  if edit then
    vim.lsp.util.apply_workspace_edit(edit, "utf-16")
    local changed = table.concat(vim.api.nvim_buf_get_lines(pbuf, 0, -1, false), "\n")
    check(changed:find("by SB_Neu", 1, true) ~= nil and changed:find("by SB;", 1, true) == nil, "rename applied in the buffer")
  end
end)
check(ok, "no Lua error " .. tostring(err or ""))
finish()

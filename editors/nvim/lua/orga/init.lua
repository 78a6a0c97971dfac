-- Orga language server (`orgc lsp`) for Neovim 0.7 and later, without plugins.
--
--   require("orga").setup()                                -- runs `orgc lsp`
--   require("orga").setup({ cmd = { "/path/to/orgc", "lsp" } })
--
-- Options (all optional):
--   cmd           command and arguments (table), default { "orgc", "lsp" };
--                 a string is taken as the path of orgc and gets "lsp" appended
--   root_markers  names that mark the root of a model, default { ".git" }
--   name          client name, default "orgc"
--   on_attach     function(client, bufnr), called when a buffer attaches
--   capabilities  client capabilities, default vim.lsp.protocol.make_client_capabilities()
--   settings      passed to the server as workspace/configuration settings
local M = {}

local defaults = {
  cmd = { "orgc", "lsp" },
  root_markers = { ".git" },
  name = "orgc",
  on_attach = nil,
  capabilities = nil,
  settings = {},
}

M.config = vim.deepcopy(defaults)

-- Neovim 0.7 has no vim.lsp.start: remember one client per root ourselves.
local clients_by_root = {}

local uv = vim.loop

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local function dirname(path)
  local parent = vim.fn.fnamemodify(path, ":h")
  return parent
end

--- The directory that holds the model of `bufnr`: the nearest ancestor of the
--- file that contains one of `root_markers` (e.g. `.git`), else the file's own
--- directory (else the current directory, for a buffer without a file).
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  if name == "" then
    return vim.fn.getcwd()
  end
  local file_dir = dirname(vim.fn.fnamemodify(name, ":p"))
  local dir = file_dir
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      break
    end
    dir = parent
  end
  return file_dir
end

local function client_config(root)
  local cmd = M.config.cmd
  if type(cmd) == "string" then
    cmd = { cmd, "lsp" }
  end
  return {
    name = M.config.name,
    cmd = cmd,
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") },
    },
    capabilities = M.config.capabilities or vim.lsp.protocol.make_client_capabilities(),
    settings = M.config.settings,
    on_attach = M.config.on_attach,
  }
end

--- Start (or reuse) the server for `bufnr` and attach the buffer to it.
--- Returns the client id, or nil when the server could not be started.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local root = M.root_dir(bufnr)
  local config = client_config(root)
  local executable = config.cmd[1]
  if vim.fn.executable(executable) ~= 1 then
    vim.notify_once(
      ("orga: %q not found; install orgc or pass setup({ cmd = { '/path/to/orgc', 'lsp' } })"):format(executable),
      vim.log.levels.WARN
    )
    return nil
  end

  if vim.lsp.start then -- Neovim 0.8+: reuses a client with the same name and root
    local id
    vim.api.nvim_buf_call(bufnr, function()
      id = vim.lsp.start(config)
    end)
    return id
  end

  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    if id == nil then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  -- Lists replace the defaults; tbl_deep_extend would merge them index by index.
  for _, key in ipairs({ "cmd", "root_markers" }) do
    if opts and opts[key] ~= nil then
      M.config[key] = opts[key]
    end
  end
  local group = vim.api.nvim_create_augroup("orga_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "orga",
    callback = function(args)
      M.start(args.buf)
    end,
    desc = "Start orgc lsp for Orga buffers",
  })
  -- Buffers that were opened before setup() ran.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == "orga" then
      M.start(buf)
    end
  end
end

return M

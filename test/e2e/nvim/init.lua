-- Headless Neovim (0.7+, built-in LSP client) as an editor for `alertsmith lsp --stdio`.
-- Reads a plan from $ALERTSMITH_NVIM_PLAN (JSON), writes what it saw to plan.output (JSON).
-- Plan: { cmd = {...}, root = dir, file = path, completion = {line, character},
--         hover = {line, character}, fix = { line = n, text = "..." }, timeout_ms = n }
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('ALERTSMITH_NVIM_PLAN')), '\n'))
local out = { errors = {}, diagnostics = {}, diagnostics_after_fix = nil }
local timeout = plan.timeout_ms or 10000

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, plan.output)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local latest = {} -- uri -> the last published diagnostics
  local client_id = vim.lsp.start_client({
    name = 'alertsmith',
    cmd = plan.cmd,
    root_dir = plan.root,
    workspace_folders = { { uri = vim.uri_from_fname(plan.root), name = 'workspace' } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        latest[result.uri] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  if not client_id then error('start_client failed') end
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  vim.lsp.buf_attach_client(bufnr, client_id)

  out.initialized = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end, 20)

  -- Diagnostics are pushed (Neovim 0.7 does not pull): wait for the first report.
  vim.wait(timeout, function() return latest[uri] ~= nil and #latest[uri] > 0 end, 20)
  out.diagnostics = latest[uri] or {}

  local function request(method, position)
    local params = { textDocument = { uri = uri }, position = position }
    local responses, request_error = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
    if not responses then
      table.insert(out.errors, method .. ': ' .. tostring(request_error))
      return nil
    end
    for _, response in pairs(responses) do
      if response.err then table.insert(out.errors, method .. ': ' .. vim.inspect(response.err)) end
      return response.result
    end
  end

  if plan.completion then
    local result = request('textDocument/completion', plan.completion) or {}
    out.completion = {}
    for _, item in ipairs(result.items or result) do
      local doc = item.documentation
      if type(doc) == 'table' then doc = doc.value end
      table.insert(out.completion, { label = item.label, kind = item.kind, detail = item.detail, documentation = doc })
    end
  end

  if plan.hover then
    local result = request('textDocument/hover', plan.hover)
    if result and result.contents then
      local contents = result.contents
      out.hover = type(contents) == 'string' and contents or contents.value or vim.fn.json_encode(contents)
    end
  end

  -- Edit the buffer as a user would; the server must see the change and clear the problem.
  -- (Reports sent before the change may still arrive: wait for the state, not the next report.)
  if plan.fix then
    vim.api.nvim_buf_set_lines(bufnr, plan.fix.line, plan.fix.line + 1, false, { plan.fix.text })
    local function on_fixed_line(diagnostic) return diagnostic.range.start.line == plan.fix.line end
    vim.wait(timeout, function()
      return latest[uri] ~= nil and #vim.tbl_filter(on_fixed_line, latest[uri]) == 0
    end, 20)
    out.diagnostics_after_fix = latest[uri]
  end

  vim.lsp.stop_client(client_id)
  out.stopped = vim.wait(timeout, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then table.insert(out.errors, tostring(err)) end
finish()

;;; test.el --- End-to-end test of `orgc lsp' with Emacs + eglot 1.9 (batch)  -*- lexical-binding: t; -*-
;; Run by run.sh:  ORGC=/abs/orgc ORGA_WS=/tmp/ws ORGA_REPO=/abs/repo emacs --batch -l test.el
(require 'cl-lib)
(defvar orga-test-failures 0)
(defun orga-check (ok what)
  (princ (format "%s %s\n" (if ok "ok  " "FAIL") what))
  (unless ok (setq orga-test-failures (1+ orga-test-failures))))

(defun orga-wait (pred &optional seconds)
  "Process input until PRED is non-nil or SECONDS (default 20) pass."
  (let ((deadline (+ (float-time) (or seconds 20))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(let* ((orgc (getenv "ORGC"))
       (ws (file-name-as-directory (getenv "ORGA_WS")))
       (repo (getenv "ORGA_REPO"))
       (published (make-hash-table :test 'equal)))
  (condition-case err
      (progn
        (add-to-list 'load-path (expand-file-name "editors/emacs" repo))
        (require 'orga-mode)
        (require 'eglot)
        (orga-check (fboundp 'orga-mode) "orga-mode loaded from editors/emacs")
        ;; The set-up registers ("orgc" "lsp"); eglot 1.9 needs an absolute path.
        (add-to-list 'eglot-server-programs `(orga-mode . (,orgc "lsp")))
        ;; Record every publishDiagnostics as it arrives on the wire (flymake does not
        ;; run its timers in batch mode).
        (advice-add 'eglot-handle-notification :before
                    (lambda (_server method &rest params)
                      (when (eq method 'textDocument/publishDiagnostics)
                        (puthash (plist-get params :uri) (plist-get params :diagnostics) published))))
        (find-file (expand-file-name "broken.orga" ws))
        (orga-check (eq major-mode 'orga-mode) "broken.orga is in orga-mode")
        ;; eglot 1.9: the managed major mode is a list; the project a transient one.
        (let* ((server (eglot '(orga-mode) (cons 'transient ws) 'eglot-lsp-server (list orgc "lsp") "orga"))
               (broken-uri (eglot--path-to-uri (expand-file-name "broken.orga" ws))))
          (orga-check (orga-wait (lambda () (eglot-current-server))) "eglot connected")
          (orga-check (orga-wait (lambda () (gethash broken-uri published))) "diagnostics published")
          (let* ((diags (gethash broken-uri published))
                 (d (and diags (aref diags 0)))
                 (start (and d (plist-get (plist-get d :range) :start))))
            (orga-check (and d (equal (plist-get d :code) "E301")) "diagnostic code E301")
            ;; Where eglot puts the diagnostic (it counts UTF-16 code units).
            (when start
              (let ((pt (eglot--lsp-position-to-point start)))
                (orga-check (string-prefix-p "Nobody" (buffer-substring-no-properties pt (min (point-max) (+ pt 6))))
                            (format "diagnostic starts at `Nobody' (line %s, character %s)"
                                    (plist-get start :line) (plist-get start :character))))))
          ;; Hover, definition and rename in processes.orga.
          (find-file (expand-file-name "processes.orga" ws))
          (eglot--maybe-activate-editing-mode)
          (orga-wait (lambda () (eglot-current-server)) 10)
          (goto-char (point-min))
          (search-forward "by SB")
          (backward-char 1)
          (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
                 (contents (plist-get hover :contents))
                 (text (if (stringp contents) contents (plist-get contents :value))))
            (orga-check (and text (string-match-p "need" text) (string-match-p "Sachbearbeitung" text))
                        (format "hover shows the need: %s" (and text (substring text 0 (min 60 (length text)))))))
          (let* ((defs (jsonrpc-request server :textDocument/definition (eglot--TextDocumentPositionParams)))
                 (loc (if (vectorp defs) (aref defs 0) defs)))
            (orga-check (string-match-p "organisation\\.orga\\'" (plist-get loc :uri)) "definition in organisation.orga"))
          ;; eglot 1.9 asks before an edit that touches several files: answer yes.
          (cl-letf (((symbol-function 'y-or-n-p) (lambda (&rest _) t)))
            (eglot-rename "SB_Neu"))
          (orga-check (save-excursion (goto-char (point-min)) (search-forward "by SB_Neu" nil t)) "rename applied in processes.orga")
          (let ((org (get-file-buffer (expand-file-name "organisation.orga" ws))))
            (orga-check (and org (with-current-buffer org (save-excursion (goto-char (point-min)) (search-forward "position SB_Neu" nil t))))
                        "rename applied in organisation.orga"))))
    (error (orga-check nil (format "no Lisp error: %S" err))))
  (princ (if (zerop orga-test-failures) "all passed\n" (format "%d failed\n" orga-test-failures)))
  (kill-emacs (if (zerop orga-test-failures) 0 1)))

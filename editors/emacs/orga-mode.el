;;; orga-mode.el --- Major mode for Orga organisation models  -*- lexical-binding: t; -*-

;; Author: the orgc project
;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages
;; URL: see editors/README.md in the orgc repository

;;; Commentary:

;; Editing support for Orga models (*.orga): syntax highlighting, `//' and
;; nesting `/* */' comments, `///' doc comments, indentation by `{' depth,
;; imenu, and the orgc language server through eglot.
;;
;;   (add-to-list 'load-path "/path/to/orgc/editors/emacs")
;;   (require 'orga-mode)
;;   (add-hook 'orga-mode-hook #'eglot-ensure)   ; optional: start `orgc lsp'
;;
;; The keyword lists below must match Grammar/keywords.txt (checked by
;; Tests/grammar in the orgc repository).

;;; Code:

(defvar eglot-server-programs)

(defgroup orga nil
  "Major mode for Orga organisation models."
  :group 'languages
  :prefix "orga-")

(defcustom orga-indent-offset 2
  "Indentation per level of `{' nesting in Orga models."
  :type 'integer
  :safe #'integerp)

(defconst orga-declaration-keywords
  '("model" "grade" "unit" "position" "actor" "system" "process" "dna"
    "criterion" "measure" "scenario" "kpi" "target" "matrix" "raci"
    "programme" "project" "field" "milestone" "deploy")
  "Keywords that declare something.")

(defconst orga-statement-keywords
  '("year" "worktime" "allowance" "workdays" "overhead" "workplace"
    "leadership" "rounding" "asof" "ramp" "cost" "kind" "code" "head" "in" "grade"
    "planned" "filled" "kw" "freeze" "effort" "coverage" "external" "owner"
    "volume" "source" "trigger" "result" "step" "decide" "branch" "next"
    "share" "call" "by" "time" "wait" "media_break" "weight" "from" "scale"
    "requires" "change" "apply" "save" "across" "plan" "actual" "running" "potential"
    "better" "tolerance" "pool" "to" "fte" "hours"
    "area" "aspect" "rating" "rate" "task" "R" "A" "C" "I"
    "period" "budget" "status" "depends" "delivers" "date" "done")
  "Keywords that start a statement inside a block.")

(defconst orga-source-values
  '("estimate" "selfreport" "timing" "mma" "keyfigure")
  "Values of `source': how processing times were obtained.")

(defconst orga-measured-criteria
  '("volume" "hours" "fte" "media_breaks" "handoffs" "steps" "leadtime" "digital")
  "Criteria that `from' can measure.")

(defconst orga--identifier "\\(?:[[:alpha:]_][[:alnum:]_]*\\)"
  "Regexp for an identifier: a letter or `_', then letters, digits or `_'.")

(defconst orga--statement-start "\\(?:^\\|[{;]\\|\\*/\\)[ \t]*"
  "Regexp for what precedes a statement keyword.")

(defun orga--keyword-re (words)
  "Regexp matching one of WORDS at a statement start, as group 1."
  (concat orga--statement-start "\\_<\\(" (regexp-opt words) "\\)\\_>"))

(defvar orga-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; // line comments (style b) and /* */ block comments that nest.
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23n" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\r "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?{ "(}" table)
    (modify-syntax-entry ?} "){" table)
    (dolist (c '(?% ?€ ?, ?\; ?. ?- ?+ ?>))
      (modify-syntax-entry c "." table))
    table)
  "Syntax table for `orga-mode'.")

(defun orga--in-string-p (pos)
  "Non-nil when POS is inside a string."
  (nth 3 (syntax-ppss pos)))

(defun orga--match-escape (limit)
  "Find the next string escape before LIMIT; group 1 valid, group 2 invalid."
  (let (found)
    (while (and (not found)
                (re-search-forward
                 "\\(\\\\\\(?:[\"\\\\nt]\\|u{[0-9A-Fa-f]\\{1,6\\}}\\)\\)\\|\\(\\\\\\(?:u{[^}\"\n]*}?\\|.\\)?\\)"
                 limit t))
      (when (orga--in-string-p (match-beginning 0))
        (setq found t)))
    found))

(defconst orga-font-lock-keywords
  (let ((id orga--identifier)
        (ref (concat "\\(" orga--identifier "\\(?:\\." orga--identifier "\\)?\\)")))
    `(;; Declarations and their names.
      (,(concat orga--statement-start "\\_<\\(process\\)[ \t]+\\(" id "\\)")
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(concat orga--statement-start "\\_<\\(step\\|decide\\)[ \t]+\\(" id "\\)")
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(concat orga--statement-start
                "\\_<\\(model\\|unit\\|position\\|actor\\|criterion\\|measure\\|scenario\\|kpi\\|target\\)[ \t]+\\("
                id "\\)")
       (1 font-lock-keyword-face) (2 font-lock-type-face))
      ;; `grade X' and `system X' declare at column 0 or before a title or
      ;; block; elsewhere they refer.
      (,(concat "^\\(grade\\|system\\)[ \t]+\\(" id "\\)")
       (1 font-lock-keyword-face) (2 font-lock-type-face))
      (,(concat orga--statement-start "\\_<\\(grade\\|system\\)[ \t]+\\(" id "\\)[ \t]*[\"{]")
       (1 font-lock-keyword-face) (2 font-lock-type-face))
      ;; Special arguments.
      (,(concat orga--statement-start "\\_<\\(from\\)[ \t]+\\(" (regexp-opt orga-measured-criteria) "\\)\\_>")
       (1 font-lock-keyword-face) (2 font-lock-constant-face))
      (,(concat orga--statement-start "\\_<\\(source\\)[ \t]+\\(" (regexp-opt orga-source-values) "\\)\\_>")
       (1 font-lock-keyword-face) (2 font-lock-constant-face))
      (,(concat orga--statement-start "\\_<\\(next\\)[ \t]+\\_<\\(end\\)\\_>")
       (1 font-lock-keyword-face) (2 font-lock-keyword-face))
      ;; References.
      (,(concat orga--statement-start
                "\\_<\\(by\\|in\\|head\\|owner\\|grade\\|call\\|next\\|system\\|requires\\|apply\\|across\\|potential\\|change\\)[ \t]+"
                ref)
       (1 font-lock-keyword-face) (2 font-lock-variable-name-face))
      ("\\(->\\)[ \t]*\\_<\\(end\\)\\_>" (1 'font-lock-builtin-face) (2 font-lock-keyword-face))
      (,(concat "\\(->\\)[ \t]*" ref) (1 'font-lock-builtin-face) (2 font-lock-variable-name-face))
      ;; Any other keyword at a statement start.
      (,(orga--keyword-re orga-declaration-keywords) 1 font-lock-keyword-face)
      (,(orga--keyword-re orga-statement-keywords) 1 font-lock-keyword-face)
      ;; Words that belong to a statement's shape.
      ("\\_<of[ \t]+worktime\\_>" . font-lock-keyword-face)
      ("\\_<until\\_>" . font-lock-keyword-face)
      ("\\_<off\\_>" . font-lock-constant-face)
      ;; Dates, quantities with units (45 min, 45min, 80 h /year, 10 %, 71_600 EUR), numbers.
      ("\\_<[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\_>" . font-lock-constant-face)
      ("\\(?:^\\|[^[:alnum:]_]\\)\\([0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?\\)[ \t]*\\(\\(?:min\\|mo\\|wk\\|fte\\|EUR\\|h\\|d\\)\\_>\\|€\\|%\\|/\\(?:year\\|month\\|week\\|day\\)\\_>\\)"
       (1 font-lock-constant-face) (2 font-lock-builtin-face))
      ("/\\(?:year\\|month\\|week\\|day\\)\\_>" . font-lock-builtin-face)
      ("\\(?:^\\|[^[:alnum:]_]\\)\\([0-9][0-9_]*\\(?:\\.[0-9][0-9_]*\\)?\\)" 1 font-lock-constant-face)
      ("\\.\\." . font-lock-builtin-face)
      ;; String escapes.
      (orga--match-escape
       (1 'font-lock-regexp-grouping-backslash prepend t)
       (2 font-lock-warning-face prepend t))))
  "Font-lock keywords for `orga-mode'.")

(defun orga--string-opener-p (quote-pos)
  "Non-nil when the `\"' at QUOTE-POS opens a string."
  (not (nth 8 (save-excursion (syntax-ppss quote-pos)))))

(defun orga-syntax-propertize (start end)
  "End unterminated strings at the end of their line, between START and END.
Orga strings cannot contain raw newlines; without this, one missing `\"'
would turn the rest of the file into a string."
  (goto-char start)
  (funcall
   (syntax-propertize-rules
    ("\\(\"\\)\\(?:[^\"\\\\\n]\\|\\\\.\\)*\\(\n\\)"
     (0 (when (orga--string-opener-p (match-beginning 1))
          (put-text-property (match-beginning 1) (match-end 1)
                             'syntax-table (string-to-syntax "|"))
          (put-text-property (match-beginning 2) (match-end 2)
                             'syntax-table (string-to-syntax "|"))
          nil))))
   start end))

(defun orga--syntactic-face (state)
  "Face for the string or comment described by parse STATE."
  (cond
   ((nth 3 state) font-lock-string-face)
   ((save-excursion
      (goto-char (nth 8 state))
      (and (looking-at "///") (not (looking-at "////"))))
    font-lock-doc-face)
   (t font-lock-comment-face)))

(defun orga-indent-line ()
  "Indent the current line: `orga-indent-offset' per enclosing `{'."
  (interactive)
  (let* ((state (save-excursion (syntax-ppss (line-beginning-position))))
         (in-comment (nth 4 state))
         (column
          (if in-comment
              ;; Inside a block comment: at least as deep as its start.
              (max (current-indentation)
                   (save-excursion (goto-char (nth 8 state)) (current-indentation)))
            (save-excursion
              (back-to-indentation)
              (max 0 (* orga-indent-offset
                        (- (car state) (if (looking-at "}") 1 0))))))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

(defvar orga-imenu-generic-expression
  `(("Process" ,(concat "^[ \t]*process[ \t]+\\(" orga--identifier "\\)") 1)
    ("Unit" ,(concat "^[ \t]*unit[ \t]+\\(" orga--identifier "\\)") 1)
    ("Position" ,(concat "^[ \t]*position[ \t]+\\(" orga--identifier "\\)") 1)
    (nil ,(concat "^\\(?:model\\|grade\\|actor\\|system\\|measure\\|scenario\\|kpi\\|target\\)[ \t]+\\("
                  orga--identifier "\\)")
         1))
  "Imenu entries for `orga-mode'.")

;;;###autoload
(define-derived-mode orga-mode prog-mode "Orga"
  "Major mode for Orga organisation models.

\\{orga-mode-map}"
  :syntax-table orga-mode-syntax-table
  :group 'orga
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)[ \t]*")
  (setq-local comment-use-syntax t)
  (setq-local font-lock-defaults
              '(orga-font-lock-keywords nil nil nil nil
                (font-lock-syntactic-face-function . orga--syntactic-face)))
  (setq-local syntax-propertize-function #'orga-syntax-propertize)
  (setq-local indent-line-function #'orga-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width orga-indent-offset)
  (setq-local electric-indent-chars (append "{}" electric-indent-chars))
  (setq-local imenu-generic-expression orga-imenu-generic-expression))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.orga\\'" . orga-mode))

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(orga-mode . ("orgc" "lsp"))))

(provide 'orga-mode)

;;; orga-mode.el ends here

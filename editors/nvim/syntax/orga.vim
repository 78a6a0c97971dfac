" Vim syntax file
" Language:    Orga (organisation models, *.orga)
" Maintainer:  the orgc project
" Basic highlighting for Vim and for Neovim without a tree-sitter parser.
" Keywords must match Grammar/keywords.txt (checked by Tests/grammar).

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync minlines=200

" Comments: // line, /// doc, /* */ block (nesting).
syn keyword orgaTodo         contained TODO FIXME XXX NOTE
syn match   orgaLineComment  "//.*$" contains=orgaTodo,@Spell
syn match   orgaDocComment   "///\%(/\)\@!.*$" contains=orgaTodo,@Spell
syn region  orgaBlockComment start="/\*" end="\*/" contains=orgaBlockComment,orgaTodo,@Spell

" Strings: escapes \" \\ \n \t \u{...}; no raw newlines.
syn match   orgaEscape       contained +\\\%(["\\nt]\|u{\x\{1,6}}\)+
syn match   orgaBadEscape    contained +\\\%(["\\nt]\|u{\x\{1,6}}\)\@!.\=+
syn region  orgaString       start=+"+ end=+"+ end=+$+ oneline contains=orgaEscape,orgaBadEscape,@Spell

" Numbers, quantities with units (45 min, 45min, 1.5 h, 10 %, 71_600 EUR,
" 1200 /year, 80 h /year), dates and ranges.
syn match   orgaNumber       "\k\@<!\d[0-9_]*\%(\.\d[0-9_]*\)\=" nextgroup=orgaUnit skipwhite
syn match   orgaDate         "\k\@<!\d\{4}-\d\{2}-\d\{2}\>"
syn match   orgaUnit         contained "\%(min\|mo\|wk\|fte\|EUR\|h\|d\)\>\|€\|%" nextgroup=orgaRate skipwhite
syn match   orgaUnit         contained "/\%(year\|month\|week\|day\)\>"
syn match   orgaRate         "/\%(year\|month\|week\|day\)\>"
syn match   orgaOperator     "->\|\.\."
syn match   orgaDelimiter    "[{};,]"

" Declarations and their names.
syn keyword orgaDeclaration  model grade unit position actor system criterion measure scenario kpi target programme project field milestone deploy nextgroup=orgaTypeName skipwhite
syn keyword orgaDeclaration  process nextgroup=orgaFunctionName skipwhite
syn keyword orgaDeclaration  dna matrix raci
syn keyword orgaKeyword      step decide nextgroup=orgaFunctionName skipwhite
syn match   orgaTypeName     contained "\%(\d\)\@!\k\+"
syn match   orgaFunctionName contained "\%(\d\)\@!\k\+"

" Statements.
syn keyword orgaKeyword      year worktime allowance workdays overhead workplace leadership rounding asof ramp
syn keyword orgaKeyword      cost kind code head in planned filled kw freeze effort coverage external
syn keyword orgaKeyword      owner volume trigger result branch share call by time wait media_break
syn keyword orgaKeyword      weight scale requires change apply save across plan actual running potential
syn keyword orgaKeyword      area aspect rating rate task R A C I
syn keyword orgaKeyword      better tolerance pool to fte hours
syn keyword orgaKeyword      period budget status depends delivers date done
syn keyword orgaKeyword      source nextgroup=orgaSourceKind skipwhite
syn keyword orgaKeyword      from nextgroup=orgaCriterion skipwhite
syn keyword orgaKeyword      next nextgroup=orgaEnd skipwhite
syn keyword orgaSourceKind   contained estimate selfreport timing mma keyfigure
syn keyword orgaCriterion    contained volume hours fte media_breaks handoffs steps leadtime digital
syn keyword orgaEnd          contained end
syn match   orgaOperator     "->" nextgroup=orgaEnd skipwhite
syn match   orgaShapeWord    "\<of\s\+worktime\>"
syn keyword orgaShapeWord    until
syn keyword orgaConstant     off

hi def link orgaTodo         Todo
hi def link orgaLineComment  Comment
hi def link orgaDocComment   SpecialComment
hi def link orgaBlockComment Comment
hi def link orgaString       String
hi def link orgaEscape       SpecialChar
hi def link orgaBadEscape    Error
hi def link orgaNumber       Number
hi def link orgaDate         Constant
hi def link orgaUnit         Type
hi def link orgaRate         Type
hi def link orgaOperator     Operator
hi def link orgaDelimiter    Delimiter
hi def link orgaDeclaration  Structure
hi def link orgaKeyword      Keyword
hi def link orgaTypeName     Identifier
hi def link orgaFunctionName Function
hi def link orgaSourceKind   Constant
hi def link orgaCriterion    Constant
hi def link orgaEnd          Keyword
hi def link orgaShapeWord    Keyword
hi def link orgaConstant     Constant

let b:current_syntax = "orga"
let &cpo = s:cpo_save
unlet s:cpo_save

var x = 1;;; }}}

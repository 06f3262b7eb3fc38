var s = "unterminated;

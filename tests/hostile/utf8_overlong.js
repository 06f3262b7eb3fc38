var s = "À¯";

"use strict";
var s = "\07";

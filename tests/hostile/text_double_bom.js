﻿console.log(1);

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelOps.HelpCompiler
{
    public enum BlockKind
    {
        Heading,
        Paragraph,
        Code,
        List,
        Quote,
    }
}

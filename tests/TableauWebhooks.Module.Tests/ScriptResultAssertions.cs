using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Hosting;
using Xunit;
using Xunit.Sdk;

namespace TableauWebhooks.Module.Tests
{
    internal static class ScriptResultAssertions
    {
        public static ScriptResult AssertSucceeded(this ScriptResult result)
        {
            if (!result.Succeeded) throw new XunitException("The script failed: " + result.Describe());
            return result;
        }

        /// <summary>The single error record of a run (terminating or not), checked for id, category and target.</summary>
        public static ErrorRecord AssertSingleError(this ScriptResult result, string errorId, ErrorCategory category, object? target = null)
        {
            var errors = result.AllErrors.ToList();
            if (errors.Count != 1) throw new XunitException($"Expected one error {errorId}, got {errors.Count}: {result.Describe()}");
            var error = errors[0];
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            if (target != null) Assert.Equal(target, Unwrap(error.TargetObject));
            return error;
        }

        /// <summary>
        /// The module's exception inside an error record, read through PowerShell's adapter: the tests do not
        /// reference the module assembly, exactly as a script does not.
        /// </summary>
        public static PSObject TableauException(this ErrorRecord error)
        {
            Assert.Equal("TableauWebhooks.Errors.TableauWebhooksException", error.Exception.GetType().FullName);
            return PSObject.AsPSObject(error.Exception);
        }

        public static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

        public static T Property<T>(this PSObject obj, string name) => (T)Unwrap(obj.Properties[name]?.Value)!;
    }
}
